import { ACCESS, ERRORS, removeCommunityItem } from '@mediashare/core';
import { defineRoute, plain, refused } from '../define-route';
import { ZCommunityIdParams } from './community-id-params';

export const removeCommunityItemRoute = defineRoute({
  method: 'delete',
  path: '/api/community/{id}',
  operationId: 'removeCommunityItem',
  tag: 'Community',
  summary: 'Take your own item out of the Community feed, with its public file',
  description:
    'Also the way to unpublish an item whose original was deleted from the vault. When the original is still ' +
    'there, its community flag is cleared and its share link keeps working. Needs the "share" scope.',
  access: ACCESS.signedIn('share'),
  request: { params: ZCommunityIdParams },
  responses: {
    204: plain('Removed from the feed; its public file is deleted.'),
    400: refused([ERRORS.invalidCommunityId()]),
    404: refused([ERRORS.communityItemNotFound()]),
    500: refused([ERRORS.communityRemoveFailed()]),
    503: refused([ERRORS.mediaBusy()]),
  },
  handler: ({ deps, user, params }) => removeCommunityItem(deps, { userId: user.id, communityMediaId: params.id }),
});
