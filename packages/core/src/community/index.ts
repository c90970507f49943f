export { findCommunityFeed, type FeedOptions } from './find-community-feed';
export { getCommunityItem } from './get-community-item';
export { removeCommunityItem, COMMUNITY_MESSAGES } from './remove-community-item';
