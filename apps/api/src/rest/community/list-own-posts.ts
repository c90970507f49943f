import { ACCESS, ERRORS, findOwnPosts, ZOwnPosts, ZOwnPostsQuery } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';

export const listOwnPostsRoute = defineRoute({
  method: 'get',
  path: '/api/user/community',
  operationId: 'listOwnPosts',
  tag: 'Community',
  summary: 'The caller\'s own Community items with their views ("My posts")',
  description:
    "The caller's items in the Community feed, newest first, as their profile lists them, each with what only its owner may see: `mediaId` (the vault item it was shared from, null once deleted) and `views` (its share link's views, null when it has no live link). The public feed and profiles never carry these. Pages are cursor-based: pass the `nextCursor` of one page as `cursor` for the next.",
  access: ACCESS.signedIn('read'),
  request: { query: ZOwnPostsQuery },
  responses: {
    200: json(ZOwnPosts, 'One page of your posts.'),
    400: refused([ERRORS.invalidCursor()]),
  },
  handler: ({ deps, user, query }) => findOwnPosts(deps, { userId: user.id, ...query }),
});
