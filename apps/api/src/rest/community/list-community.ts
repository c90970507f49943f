import { ACCESS, ERRORS, findCommunityFeed, ZCommunityFeed, ZCommunityFeedQuery } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';

export const listCommunityRoute = defineRoute({
  method: 'get',
  path: '/api/community',
  operationId: 'listCommunity',
  tag: 'Community',
  summary: 'The Community feed, newest first (public)',
  description:
    'Items shared to the Community, newest first. Filter by tags (all must match; an alias filters by its tag), by origin (uploaded or generated) and by owner (`user`, a profile). Pages are cursor-based: pass the `nextCursor` of one page as `cursor` for the next. The same filters read as RSS, Atom and JSON Feed at `/community/feed.xml`, `.atom` and `.json`.',
  access: ACCESS.public,
  request: { query: ZCommunityFeedQuery },
  responses: {
    200: json(ZCommunityFeed, 'One page of the feed.'),
    400: refused([ERRORS.unknownTags({ slugs: ['nite-time'], suggestions: ['night'] }), ERRORS.invalidCursor()]),
    404: refused([ERRORS.userNotFound()], 'No user has that username.'),
  },
  handler: ({ deps, query }) => findCommunityFeed(deps, query),
});
