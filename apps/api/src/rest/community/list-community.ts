import { ACCESS, ERRORS, findCommunityFeed, ZCommunityFeed, ZCommunityFeedQuery } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';

export const listCommunityRoute = defineRoute({
  method: 'get',
  path: '/api/community',
  operationId: 'listCommunity',
  tag: 'Community',
  summary: 'The Community feed, newest first (public)',
  description:
    'Items shared to the Community, newest first. Filter by tags (all must match) and by origin (uploaded or generated). Pages are cursor-based: pass the `nextCursor` of one page as `cursor` for the next.',
  access: ACCESS.public,
  request: { query: ZCommunityFeedQuery },
  responses: {
    200: json(ZCommunityFeed, 'One page of the feed.'),
    400: refused([ERRORS.unknownTags({ slugs: ['nope'] }), ERRORS.invalidCursor()]),
  },
  handler: ({ deps, query }) => findCommunityFeed(deps, query),
});
