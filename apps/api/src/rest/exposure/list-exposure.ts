import { ACCESS, ERRORS, findExposure, ZExposurePage, ZExposureQuery } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';

export const listExposureRoute = defineRoute({
  method: 'get',
  path: '/api/user/exposure',
  operationId: 'listExposure',
  tag: 'Sharing',
  summary: 'Everything the caller has made public, newest first',
  description:
    'Every share link of the caller (with when it was made, its views, its expiry and whether it has a password) and every community item (also those whose original was deleted from the vault), one entry per item, newest first. Pages are cursor-based: pass the `nextCursor` of one page as `cursor` for the next; it is null on the last page.',
  access: ACCESS.signedIn('read'),
  request: { query: ZExposureQuery },
  responses: {
    200: json(ZExposurePage, 'One page.'),
    400: refused([ERRORS.invalidCursor()]),
  },
  handler: ({ deps, user, query }) => findExposure(deps, { userId: user.id, ...query }),
});
