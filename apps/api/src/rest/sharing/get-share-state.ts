import { ACCESS, ERRORS, getShareState, ZShareState } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';
import { ZMediaIdParams } from '../vault/media-id-params';

export const getShareStateRoute = defineRoute({
  method: 'get',
  path: '/api/media/{id}/share',
  operationId: 'getShareState',
  tag: 'Sharing',
  summary: "An item's current sharing: link, community, tags, link settings and views",
  description:
    "The owner's view of an item's sharing, so a client can edit it rather than start over: the share code and URL, whether it is in the Community feed and with which tags, the link's settings (expiry, view limit, whether it has a password, downloads, metadata) and its view count. `link` and `views` are null when the item is not shared.",
  access: ACCESS.signedIn('read'),
  request: { params: ZMediaIdParams },
  responses: {
    200: json(ZShareState, 'The sharing state.'),
    400: refused([ERRORS.invalidMediaId()]),
    404: refused([ERRORS.mediaNotFound()]),
  },
  handler: ({ deps, user, params }) => getShareState(deps, { userId: user.id, mediaId: params.id }),
});
