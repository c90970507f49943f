/** Activity log vocabulary for sharing. `media_shared` / `media_gallery` are the documented pair. */
export const SHARE_ACTIVITY = {
  feature: 'media_gallery',
  shared: 'media_shared',
  communityRemoved: 'media_community_unshared',
  shareDeleted: 'media_share_deleted',
} as const;
