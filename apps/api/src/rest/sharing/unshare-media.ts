import { ACCESS, deleteShare, ERRORS, ZMediaItem } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';
import { ZMediaIdParams } from '../vault/media-id-params';

export const unshareMediaRoute = defineRoute({
  method: 'delete',
  path: '/api/media/{id}/share',
  operationId: 'unshareMedia',
  tag: 'Sharing',
  summary: 'Completely remove sharing: the code, the community copy, both flags',
  description:
    'Deletes the share code, removes the community copy if there is one (its public file and tags), and sets isShared and shareToCommunity to false. Answers the media item as it now is.',
  access: ACCESS.signedIn('share'),
  outages: 'documented',
  request: { params: ZMediaIdParams },
  responses: {
    200: json(ZMediaItem, 'The media item, no longer shared.'),
    400: refused([ERRORS.invalidMediaId()]),
    404: refused([ERRORS.mediaNotFound()]),
    500: refused([ERRORS.shareRemoveFailed()]),
    503: refused([ERRORS.mediaBusy()]),
  },
  handler: ({ deps, user, params }) => deleteShare(deps, { userId: user.id, mediaId: params.id }),
});
