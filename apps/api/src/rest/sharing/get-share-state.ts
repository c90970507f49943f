import { ACCESS, ERRORS, getShareState, ZShareState } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';
import { ZMediaIdParams } from '../vault/media-id-params';

export const getShareStateRoute = defineRoute({
  method: 'get',
  path: '/api/media/{id}/share',
  operationId: 'getShareState',
  tag: 'Sharing',
  summary: "An item's current sharing: link, community, tags and texts, link settings and views",
  description:
    "The owner's view of an item's sharing, so a client can edit it rather than start over: the share code and URL, whether it is in the Community feed and with which tags, the link's settings (expiry, view limit, whether it has a password, downloads, metadata), its view count and the community copy's `title`, `caption`, `altText` and `mature`, so a re-share can send them back unchanged. `link` and `views` are null when the item is not shared; the texts are null (and `mature` false) outside the Community.",
  access: ACCESS.signedIn('read'),
  request: { params: ZMediaIdParams },
  responses: {
    200: json(ZShareState, 'The sharing state.'),
    400: refused([ERRORS.invalidMediaId()]),
    404: refused([ERRORS.mediaNotFound()]),
  },
  handler: ({ deps, user, params }) => getShareState(deps, { userId: user.id, mediaId: params.id }),
});
