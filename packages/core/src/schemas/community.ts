import { z } from 'zod';
import { ZRenditionFields } from './renditions';
import { ZCursor, ZId, ZIsoDate, ZMediaSource } from './common';
import { ZCommunityId } from './ids';
import { ZUsername } from './auth';
import { ZTagName } from './tags';

export const COMMUNITY_ORIGINS = ['uploaded', 'generated'] as const;
export const ZCommunityOrigin = z.enum(COMMUNITY_ORIGINS);
export type TCommunityOrigin = z.infer<typeof ZCommunityOrigin>;

export const MAX_FEED_TAGS = 5;

/** A page of the feed, as REST reads it from the query string (unknown parameters are ignored). */
export const ZCommunityFeedQuery = z.object({
  cursor: ZCursor.optional().meta({ description: 'nextCursor of the previous page' }),
  limit: z.number().int().min(1).max(60).default(24).meta({ description: 'Page size' }),
  tags: z
    .array(ZTagName)
    .max(MAX_FEED_TAGS)
    .default([])
    .meta({
      description: 'Tag slugs or aliases, comma-separated or repeated; an item must carry all of them',
      example: ['night', 'urban'],
    }),
  origin: ZCommunityOrigin.optional(),
  mature: z
    .enum(['include', 'exclude', 'only'])
    .default('include')
    .meta({ description: 'Items with a content warning: with the rest (default), left out, or only them' }),
  user: ZUsername.optional().meta({ description: "Only this user's items (their profile)" }),
});

export const ZCommunityFeedInput = z.strictObject({
  ...ZCommunityFeedQuery.shape,
  /** Sent by tRPC's infinite queries; pages only go forward, so it changes nothing. */
  direction: z.enum(['forward', 'backward']).optional(),
});
export type TCommunityFeedInput = z.input<typeof ZCommunityFeedInput>;

export const ZCommunityItem = z.object({
  id: ZId,
  url: z.string(),
  mimeType: z.string(),
  kind: z.enum(['image', 'gif', 'video']),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  tags: z.array(z.string()),
  origin: ZCommunityOrigin,
  source: ZMediaSource,
  owner: z.object({ username: z.string() }),
  title: z.string().nullable(),
  caption: z.string().nullable(),
  altText: z.string().nullable(),
  createdAt: ZIsoDate,
  /** The owner's content warning: clients blur it until the viewer opts in. */
  mature: z.boolean(),
  ...ZRenditionFields,
});
export type TCommunityItem = z.infer<typeof ZCommunityItem>;

export const ZCommunityFeed = z.object({
  items: z.array(ZCommunityItem),
  nextCursor: z.string().nullable(),
});
export type TCommunityFeed = z.infer<typeof ZCommunityFeed>;

/** "My posts": the caller's own items, newest first; only cursor and size, the caller is the filter. */
export const ZOwnPostsQuery = ZCommunityFeedQuery.pick({ cursor: true, limit: true });
export const ZOwnPostsInput = z.strictObject({
  ...ZOwnPostsQuery.shape,
  direction: z.enum(['forward', 'backward']).optional(),
});
export type TOwnPostsInput = z.input<typeof ZOwnPostsInput>;

/** A feed item as its owner sees it: what only the owner may know about it besides the public fields. */
export const ZOwnPost = ZCommunityItem.extend({
  mediaId: ZId.nullable().meta({ description: 'The vault item it was shared from; null once that was deleted' }),
  views: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .meta({ description: "Views of the item's share link; null when it has no live link" }),
});
export type TOwnPost = z.infer<typeof ZOwnPost>;

export const ZOwnPosts = z.object({
  items: z.array(ZOwnPost),
  nextCursor: z.string().nullable(),
});
export type TOwnPosts = z.infer<typeof ZOwnPosts>;

export const ZCommunityIdInput = z.strictObject({ id: ZCommunityId });

/** A feed document's query (RSS, Atom, JSON Feed): the feed's filters, always its newest items. */
export const ZFeedDocumentQuery = ZCommunityFeedQuery.pick({ tags: true, origin: true, user: true }).extend({
  mature: z
    .enum(['include', 'exclude', 'only'])
    .default('exclude')
    .meta({ description: 'Items with a content warning: left out of feed documents (default), with the rest, or only them' }),
});
export type TFeedDocumentQuery = z.output<typeof ZFeedDocumentQuery>;
