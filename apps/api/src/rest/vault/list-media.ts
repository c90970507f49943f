import { ACCESS, ERRORS, findMedia, ZMediaListQuery, ZMediaListResult } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';

export const listMediaRoute = defineRoute({
  method: 'get',
  path: '/api/user/media',
  operationId: 'listMedia',
  tag: 'Vault',
  summary: "The caller's media, newest first",
  description:
    "The caller's media items, newest first, with their share state. Pages are cursor-based: pass the `nextCursor` of one page as `cursor` for the next; it is null on the last page.",
  access: ACCESS.signedIn('read'),
  request: { query: ZMediaListQuery },
  responses: {
    200: json(ZMediaListResult, 'One page.'),
    400: refused([ERRORS.invalidCursor()]),
  },
  handler: ({ deps, user, query }) => findMedia(deps, { userId: user.id, ...query }),
});
