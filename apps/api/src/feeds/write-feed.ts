import {
  communityItemUrl,
  FEED_FORMATS,
  profileUrl,
  type FeedDocument,
  type TCommunityItem,
  type TFeedFormat,
} from '@mediashare/core';
import { Feed, type Item } from 'feed';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

export interface FeedContext {
  publicUrl: string;
  /** The query string of the request (`?tags=night`), for the feed's own links; empty for none. */
  query: string;
}

const titleOf = (item: TCommunityItem) => item.title ?? `Shared by @${item.owner.username}`;

/** What a reader shows: the preview with its alt text, then the caption; everything escaped. */
const contentOf = (item: TCommunityItem) => {
  const picture = item.previewUrl
    ? `<p><img src="${escapeHtml(item.previewUrl)}" alt="${escapeHtml(item.altText ?? '')}" /></p>`
    : '';
  const caption = item.caption ? `<p>${escapeHtml(item.caption).replaceAll('\n', '<br />')}</p>` : '';
  const tags = item.tags.length > 0 ? `<p>${item.tags.map((t) => `#${escapeHtml(t)}`).join(' ')}</p>` : '';
  return picture + caption + tags;
};

const describeFeed = (doc: FeedDocument) => {
  const parts = [doc.user ? `@${doc.user}` : 'Community', ...doc.tags.map((t) => `#${t}`)];
  return `${parts.join(' ')} on mediashare`;
};

const toItem = (item: TCommunityItem, { publicUrl }: FeedContext): Item => {
  const link = `${publicUrl}${communityItemUrl(item.id)}`;
  // RSS descriptions and Atom summaries are HTML to a reader: the plain text goes in escaped.
  const summary = item.caption ?? item.altText;
  const description = summary ? escapeHtml(summary) : undefined;
  return {
    title: titleOf(item),
    id: link,
    guid: link,
    link,
    date: new Date(item.createdAt),
    published: new Date(item.createdAt),
    ...(description ? { description } : {}),
    content: contentOf(item),
    category: item.tags.map((slug) => ({ name: slug, term: slug })),
    author: [{ name: item.owner.username, link: `${publicUrl}${profileUrl(item.owner.username)}` }],
    // The enclosure is the public preview (a video's poster): readers fetch it, never the original.
    ...(item.previewUrl ? { image: { url: item.previewUrl, type: 'image/webp', title: item.altText ?? undefined } } : {}),
  };
};

/** RSS 2.0, Atom 1.0 and JSON Feed 1.1 of one feed query, written by the `feed` package. */
export const writeFeed = (format: TFeedFormat, doc: FeedDocument, context: FeedContext): string => {
  const { publicUrl, query } = context;
  const home = doc.user ? `${publicUrl}${profileUrl(doc.user)}${query}` : `${publicUrl}/community${query}`;
  const title = describeFeed(doc);
  const feed = new Feed({
    title,
    description: `The newest items of ${title}`,
    id: home,
    link: home,
    language: 'en',
    updated: doc.updatedAt ?? new Date(0),
    generator: 'mediashare',
    copyright: 'Each item belongs to the person who shared it',
    feedLinks: Object.fromEntries(Object.entries(FEED_FORMATS).map(([name, { path }]) => [name, `${publicUrl}${path}${query}`])),
  });
  for (const item of doc.items) feed.addItem(toItem(item, context));
  if (format === 'rss') return feed.rss2();
  if (format === 'atom') return feed.atom1();
  return upgradeToJsonFeed11(feed.json1(), doc);
};

type JsonFeed = Record<string, unknown> & { items: (Record<string, unknown> & { author?: unknown })[] };

/**
 * The package writes JSON Feed 1.0; 1.1 renames `author` to `authors` (a list), adds `language`, and
 * carries the preview as an attachment beside `image`.
 */
const upgradeToJsonFeed11 = (written: string, doc: FeedDocument): string => {
  const feed = JSON.parse(written) as JsonFeed;
  feed.version = 'https://jsonfeed.org/version/1.1';
  feed.language = 'en';
  delete feed.author;
  feed.items = feed.items.map(({ author, summary: _html, ...item }, index) => {
    const source = doc.items[index]!;
    // JSON Feed's summary is plain text.
    const summary = source.caption ?? source.altText;
    return {
      ...item,
      ...(summary ? { summary } : {}),
      ...(author ? { authors: [author] } : {}),
      ...(source.previewUrl ? { attachments: [{ url: source.previewUrl, mime_type: 'image/webp' }] } : {}),
    };
  });
  return JSON.stringify(feed);
};
