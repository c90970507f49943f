import { ACCESS, deleteMedia, ERRORS } from '@mediashare/core';
import { defineRoute, plain, refused } from '../define-route';
import { ZMediaIdParams } from './media-id-params';

export const deleteMediaRoute = defineRoute({
  method: 'delete',
  path: '/api/user/media/{id}',
  operationId: 'deleteMedia',
  tag: 'Vault',
  summary: 'Remove from the vault (its community copy stays)',
  description:
    'Removes the item and its file from the vault ; its share link stops working. A community copy stays in the feed; its owner removes it with removeCommunityItem.',
  access: ACCESS.signedIn('share'),
  request: { params: ZMediaIdParams },
  responses: {
    204: plain('Removed, with its file.'),
    400: refused([ERRORS.invalidMediaId()]),
    404: refused([ERRORS.mediaNotFound()]),
  },
  handler: ({ deps, user, params }) => deleteMedia(deps, { userId: user.id, id: params.id }),
});
