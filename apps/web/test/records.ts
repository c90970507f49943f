import type { TCommunityItem, TMediaItem, TOwnPost } from '@mediashare/core/schemas';

/** A vault item as the API lists it: a private JPEG, never shared; tests override what they are about. */
export const mediaItem = (overrides: Partial<TMediaItem> = {}): TMediaItem => ({
  id: 7,
  fileName: 'beach.jpg',
  filePath: `1/${overrides.fileName ?? 'beach.jpg'}`,
  mimeType: 'image/jpeg',
  size: 1000,
  width: 640,
  height: 480,
  source: 'upload',
  isShared: false,
  shareToCommunity: false,
  shareCode: null,
  shareUrl: null,
  thumbnailUrl: null,
  previewUrl: null,
  placeholder: null,
  durationMs: null,
  communityStatus: null,
  communityRemovedReason: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

/** A Community feed card: an uploaded 400x300 JPEG tagged night, without renditions yet. */
export const communityItem = (id: number, overrides: Partial<TCommunityItem> = {}): TCommunityItem => ({
  id,
  url: `http://localhost:3000/storage/v1/object/public/general/item-${id}.jpg`,
  thumbnailUrl: null,
  previewUrl: null,
  placeholder: null,
  durationMs: null,
  mimeType: 'image/jpeg',
  kind: 'image',
  width: 400,
  height: 300,
  tags: ['night'],
  origin: 'uploaded',
  source: 'upload',
  owner: { username: `owner${id}` },
  title: null,
  caption: null,
  altText: null,
  mature: false,
  createdAt: new Date().toISOString(),
  ...overrides,
});

/** One of the owner's own posts ("My posts"): a card with its vault item and link views. */
export const ownPost = (id: number, overrides: Partial<TOwnPost> = {}): TOwnPost => ({
  ...communityItem(id),
  mediaId: id + 100,
  views: 0,
  ...overrides,
});
