import {
  ACCESS,
  ERRORS,
  FEED_DOCUMENT_SIZE,
  FEED_FORMATS,
  findFeedDocument,
  ZFeedDocumentQuery,
  type TFeedFormat,
} from '@mediashare/core';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../../deps';
import { createFeedCache, type CachedFeed } from '../../feeds/feed-cache';
import { writeFeed } from '../../feeds/write-feed';
import { defineRoute, plain, refused, text } from '../define-route';

const CONTENT_TYPES: Record<TFeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

// One cache per database (tests run several apps, each with its own, in one process). Keyed by the
// database port because each request gets its own copy of deps (with its own logger).
const caches = new WeakMap<AppDeps['db'], ReturnType<typeof createFeedCache>>();
const cacheOf = ({ db }: AppDeps) => {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = createFeedCache()));
  return cache;
};

/** The query's own spelling, normalised, as the cache key and the feed's self links. */
const canonicalQuery = ({ tags, origin, user }: { tags: string[]; origin?: string | undefined; user?: string | undefined }) => {
  const params = new URLSearchParams();
  if (tags.length > 0) params.set('tags', [...new Set(tags)].sort().join(','));
  if (origin) params.set('origin', origin);
  if (user) params.set('user', user.toLowerCase());
  const query = params.toString().replaceAll('%2C', ',');
  return query ? `?${query}` : '';
};

/** RFC 9110: If-None-Match decides when sent; If-Modified-Since only without it. */
const isNotModified = (c: Context<AppEnv>, entry: CachedFeed) => {
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch !== undefined)
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === entry.etag);
  const since = Date.parse(c.req.header('if-modified-since') ?? '');
  // HTTP dates have whole seconds.
  return entry.lastModified !== null && !Number.isNaN(since) && Math.floor(entry.lastModified.getTime() / 1000) * 1000 <= since;
};

const FEED_HEADERS = {
  ETag: 'Changes whenever the document does; send it back in If-None-Match',
  'Last-Modified': "The latest change among the document's items",
  'Cache-Control': 'Public, for a minute',
};

export const feedRoute = (format: TFeedFormat, operationId: string) => {
  const { path, name } = FEED_FORMATS[format];
  return defineRoute({
    method: 'get',
    path,
    operationId,
    tag: 'Community',
    summary: `The Community feed as ${name} (public)`,
    description: `The ${FEED_DOCUMENT_SIZE} newest items of any feed query (tags, all of which must match, or their aliases; origin; user) as ${name}: each with its title, alt text, caption, tags, the preview image as an enclosure and a link to its permalink. Answers 304 to a conditional GET (If-None-Match or If-Modified-Since) while nothing changed; the server keeps each query's document for a few seconds.`,
    access: ACCESS.public,
    request: { query: ZFeedDocumentQuery },
    responses: {
      200: text(CONTENT_TYPES[format].split(';')[0]!, `The feed document.`, FEED_HEADERS),
      304: plain('Not modified: the ETag or date the reader sent is still current.'),
      400: refused([ERRORS.unknownTags({ slugs: ['nite-time'], suggestions: ['night'] })]),
      404: refused([ERRORS.userNotFound()], 'No user has that username.'),
    },
    handler: async ({ c, deps, query }) => {
      const key = canonicalQuery(query);
      const entry = await cacheOf(deps).get(`${format}${key}`, deps.now().getTime(), async () => {
        const doc = await findFeedDocument(deps, query);
        return { body: writeFeed(format, doc, { publicUrl: deps.env.PUBLIC_URL, query: key }), lastModified: doc.updatedAt };
      });
      const headers: Record<string, string> = { ETag: entry.etag, 'Cache-Control': 'public, max-age=60' };
      if (entry.lastModified) headers['Last-Modified'] = entry.lastModified.toUTCString();
      if (isNotModified(c, entry)) return new Response(null, { status: 304, headers });
      return new Response(entry.body, { status: 200, headers: { ...headers, 'Content-Type': CONTENT_TYPES[format] } });
    },
  });
};
