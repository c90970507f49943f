export {
  findCommunityFeed,
  findFeedDocument,
  FEED_DOCUMENT_SIZE,
  type FeedDocument,
  type FeedFilters,
  type FeedOptions,
} from './find-community-feed';
export { findOwnPosts } from './find-own-posts';
export { getCommunityItem } from './get-community-item';
export { removeCommunityItem } from './remove-community-item';
export { getPublicObject } from './get-public-object';
