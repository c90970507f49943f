import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import {
  communityItemUrl,
  FEED_FORMATS,
  getCommunityItem,
  getSharedMedia,
  isAppError,
  oEmbedDiscoveryUrl,
  PAGES,
  shareUrlFor,
  ZCommunityId,
  type TSharedMedia,
} from '@mediashare/core';
import { Hono, type Context } from 'hono';
import type { AppEnv } from './deps';

// This file sits at apps/api/src/spa.ts and is bundled into apps/api/dist/main.js: either way the web
// app's build is two levels up.
const DEFAULT_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** A page pattern of the SPA (`/shared/media/:code`) as a regular expression that captures its parameters. */
const patternOf = (page: string) => new RegExp(`^${page.replace(/\/$/, '').replace(/:[A-Za-z]+/g, '([^/]+)')}/?$`);

/** The pages the SPA owns (PAGES, shared with the SPA's router); the server answers them with index.html. */
const SPA_ROUTES = Object.values(PAGES).map(patternOf);
const SHARED_PAGE = patternOf(PAGES.sharedMedia);
const COMMUNITY_PAGE = patternOf(PAGES.communityItem);
const FEED_PAGE = patternOf(PAGES.community);
const PROFILE_PAGE = patternOf(PAGES.profile);

/** Paths the API and the storage driver own: a miss there is the API's JSON 404, never the app's page. */
const SERVER_PATHS = /^\/(api|trpc|storage|healthz)(\/|$)/;

/** Assets the build also writes precompressed (apps/web/vite.config.ts). */
const COMPRESSIBLE_ASSET = /\.(js|mjs|css|svg|json)$/;

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

const KIND_TITLES: Record<TSharedMedia['kind'], string> = { image: 'image', gif: 'GIF', video: 'video' };

/**
 * OpenGraph and Twitter card tags for a live share link, so chat apps and social sites show a preview.
 * Link previews are fetched by bots that run no JavaScript, which is why this happens on the server.
 */
const previewTags = (media: TSharedMedia, publicUrl: string): string => {
  const title = media.title ?? `A shared ${KIND_TITLES[media.kind]} on mediashare`;
  const pageUrl = `${publicUrl}${shareUrlFor(encodeURIComponent(media.shareCode))}`;
  const fileUrl = `${publicUrl}${media.fileUrl}`;
  // The picture is always the preview (a video's poster), never the original: a bot that fetches it
  // gets 2048 px without metadata. While the preview is pending there is none.
  // A content warning withholds the picture: a link preview would show it before anyone opted in.
  const imageUrl = media.previewUrl && !media.mature ? `${publicUrl}${media.previewUrl}` : null;
  const size = media.width !== null && media.height !== null ? { width: media.width, height: media.height } : null;
  const tags: [attribute: 'property' | 'name', key: string, value: string | number][] = [
    ['property', 'og:site_name', 'mediashare'],
    ['property', 'og:title', title],
    ['property', 'og:type', media.kind === 'video' ? 'video.other' : 'image'],
    ['property', 'og:url', pageUrl],
  ];
  if (media.caption) tags.push(['property', 'og:description', media.caption]);
  if (imageUrl) tags.push(['property', 'og:image', imageUrl]);
  if (imageUrl && media.altText) tags.push(['property', 'og:image:alt', media.altText]);
  if (media.kind === 'video' && !media.mature) {
    tags.push(['property', 'og:video', fileUrl], ['property', 'og:video:type', media.mimeType]);
    if (size) tags.push(['property', 'og:video:width', size.width], ['property', 'og:video:height', size.height]);
  }
  tags.push(['name', 'twitter:title', title]);
  if (media.kind === 'video' && !media.mature) {
    tags.push(
      ['name', 'twitter:card', 'player'],
      ['name', 'twitter:player', pageUrl],
      ['name', 'twitter:player:stream', fileUrl],
    );
    if (size) tags.push(['name', 'twitter:player:width', size.width], ['name', 'twitter:player:height', size.height]);
    if (imageUrl) tags.push(['name', 'twitter:image', imageUrl]);
  } else {
    tags.push(['name', 'twitter:card', imageUrl ? 'summary_large_image' : 'summary']);
    if (imageUrl) tags.push(['name', 'twitter:image', imageUrl]);
  }
  if (imageUrl && media.altText) tags.push(['name', 'twitter:image:alt', media.altText]);
  // Share links are for the people they are sent to, not for search engines.
  tags.push(['name', 'robots', 'noindex']);
  return (
    tags.map(([attr, key, value]) => `<meta ${attr}="${key}" content="${escapeHtml(String(value))}" />`).join('\n    ') +
    oEmbedLink(oEmbedDiscoveryUrl(publicUrl, shareUrlFor(encodeURIComponent(media.shareCode)), { kind: 'share', media }), title)
  );
};

/** index.html with the preview tags of a live share, or unchanged when the code is not one. */
const sharedPageHtml = async (c: Context<AppEnv>, indexHtml: string, code: string): Promise<string> => {
  const deps = c.get('deps');
  let media: TSharedMedia;
  try {
    // Hono has already percent-decoded the path. Nothing is counted here, and a link that is closed
    // (password, expired, used up) shows nothing: no image, no title, no size.
    media = await getSharedMedia(deps, code, null, 'peek');
  } catch (error) {
    // A retired, unknown or malformed code: the SPA shows "no longer active" on its own.
    if (isAppError(error) && error.status < 500) return indexHtml;
    // The page must still open when the lookup fails; only the preview is lost.
    deps.logger.error({ err: error }, 'share preview lookup failed');
    return indexHtml;
  }
  return indexHtml.replace(/\s*<\/head>/, (end) => `\n    ${previewTags(media, deps.env.PUBLIC_URL)}${end}`);
};

/**
 * The page's feeds as `<link rel="alternate">`, for readers that find feeds in the first HTML and run no
 * script: the Community page with its own filters, a profile with its user.
 */
const feedLinks = (query: URLSearchParams, title: string) => {
  const kept = new URLSearchParams();
  for (const name of ['tags', 'origin', 'user']) {
    const value = query.get(name);
    if (value) kept.set(name, value);
  }
  const search = kept.size > 0 ? `?${kept.toString().replaceAll('%2C', ',')}` : '';
  return Object.values(FEED_FORMATS)
    .map(
      ({ path, type, name }) =>
        `<link rel="alternate" type="${type}" title="${escapeHtml(`${title} (${name})`)}" href="${escapeHtml(`${path}${search}`)}" />`,
    )
    .join('\n    ');
};

/** The oEmbed discovery link of a page that may be embedded (oEmbed 1.0, section 4). */
const oEmbedLink = (href: string | null, title: string) =>
  href
    ? `\n    <link rel="alternate" type="application/json+oembed" href="${escapeHtml(href)}" title="${escapeHtml(title)}" />`
    : '';

const withHead = (indexHtml: string, tags: string) => indexHtml.replace(/\s*<\/head>/, (end) => `\n    ${tags}${end}`);

const metaTags = (tags: [attribute: 'property' | 'name', key: string, value: string | number][]) =>
  tags.map(([attr, key, value]) => `<meta ${attr}="${key}" content="${escapeHtml(String(value))}" />`).join('\n    ');

/**
 * A community item's permalink page, with its OpenGraph tags: the picture is its public preview (a
 * video's poster), never the file. An id that names no item gets the app's page with a 404 status.
 */
const communityPageHtml = async (c: Context<AppEnv>, indexHtml: string, id: string) => {
  const deps = c.get('deps');
  const parsed = ZCommunityId.safeParse(Number(id));
  if (!parsed.success) return c.html(indexHtml, 404);
  try {
    const item = await getCommunityItem(deps, parsed.data);
    const title = item.title ?? `Shared by @${item.owner.username} on mediashare`;
    const tags: [attribute: 'property' | 'name', key: string, value: string | number][] = [
      ['property', 'og:site_name', 'mediashare'],
      ['property', 'og:title', title],
      ['property', 'og:type', item.kind === 'video' ? 'video.other' : 'image'],
      ['property', 'og:url', `${deps.env.PUBLIC_URL}${communityItemUrl(item.id)}`],
    ];
    if (item.caption) tags.push(['property', 'og:description', item.caption]);
    // A content warning withholds the picture (and a video's file) from link previews.
    const imageUrl = item.mature ? null : item.previewUrl;
    if (imageUrl) tags.push(['property', 'og:image', imageUrl], ['name', 'twitter:image', imageUrl]);
    if (imageUrl && item.altText)
      tags.push(['property', 'og:image:alt', item.altText], ['name', 'twitter:image:alt', item.altText]);
    if (item.kind === 'video' && !item.mature)
      tags.push(['property', 'og:video', item.url], ['property', 'og:video:type', item.mimeType]);
    tags.push(['name', 'twitter:title', title], ['name', 'twitter:card', imageUrl ? 'summary_large_image' : 'summary']);
    const embed = oEmbedLink(
      oEmbedDiscoveryUrl(deps.env.PUBLIC_URL, communityItemUrl(item.id), { kind: 'community', item }),
      title,
    );
    return c.html(withHead(indexHtml, metaTags(tags) + embed));
  } catch (error) {
    if (isAppError(error) && error.status === 404) return c.html(indexHtml, 404);
    // Taken down: the app's page says so, with the status the API answers.
    if (isAppError(error) && error.status === 410) return c.html(indexHtml, 410);
    deps.logger.error({ err: error }, 'community page lookup failed');
    return c.html(indexHtml);
  }
};

export const spaRoutes = (distDir = DEFAULT_DIST) => {
  const root = path.resolve(distDir);
  const indexFile = path.join(root, 'index.html');
  const app = new Hono<AppEnv>();
  if (!existsSync(indexFile)) {
    app.get('/', (c) => c.text('The web app is not built. Run `pnpm start` (it builds) or `pnpm build`.', 503));
    return app;
  }
  const indexHtml = readFileSync(indexFile, 'utf8');

  app.get(
    '/assets/*',
    // serveStatic builds its response before its onFound hook runs, so headers set there are lost: set
    // them on the response once it exists.
    async (c, next) => {
      await next();
      if (c.res.status !== 200 && c.res.status !== 206 && c.res.status !== 304) return;
      // Vite puts a content hash in every asset name: a changed file is a new URL.
      c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
      // The same URL answers differently by Accept-Encoding, so every answer of a compressible asset says
      // so (a shared cache must not hand brotli to a client that did not ask for it, nor the reverse).
      if (COMPRESSIBLE_ASSET.test(c.req.path)) c.res.headers.set('Vary', 'Accept-Encoding');
    },
    // The build writes a .br and a .gz beside each script and stylesheet; the browser gets the best one it
    // accepts, with Content-Encoding, and the plain file otherwise.
    serveStatic({ root, precompressed: true }),
  );
  app.get('*', async (c, next) => {
    if (!SPA_ROUTES.some((route) => route.test(c.req.path))) return next();
    c.header('Cache-Control', 'no-cache');
    if (FEED_PAGE.test(c.req.path)) {
      const query = new URL(c.req.url).searchParams;
      const tags = query.get('tags');
      return c.html(withHead(indexHtml, feedLinks(query, tags ? `Community: ${tags}` : 'Community')));
    }
    const username = PROFILE_PAGE.exec(c.req.path)?.[1];
    if (username !== undefined) {
      return c.html(withHead(indexHtml, feedLinks(new URLSearchParams({ user: username }), `@${username} on mediashare`)));
    }
    const id = COMMUNITY_PAGE.exec(c.req.path)?.[1];
    if (id !== undefined) return communityPageHtml(c, indexHtml, id);
    const code = SHARED_PAGE.exec(c.req.path)?.[1];
    return c.html(code === undefined ? indexHtml : await sharedPageHtml(c, indexHtml, code));
  });
  app.get('*', serveStatic({ root, onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=3600') }));
  // Any other page a browser asks for is the app's own "no page here", with the status a 404 deserves.
  app.get('*', (c, next) => {
    if (SERVER_PATHS.test(c.req.path)) return next();
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml, 404);
  });
  return app;
};
