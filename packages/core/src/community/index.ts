export { findCommunityFeed, type FeedOptions } from './find-community-feed';
export { getCommunityItem } from './get-community-item';
export { removeCommunityItem } from './remove-community-item';
export { getPublicObject } from './get-public-object';
