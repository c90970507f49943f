import { ACCESS, ERRORS, restoreCommunityItem, ZModerationAction } from '@mediashare/core';
import { ZCommunityIdParams } from '../community/community-id-params';
import { defineRoute, json, refused } from '../define-route';

export const restoreCommunityItemRoute = defineRoute({
  method: 'post',
  path: '/api/admin/community/{id}/restore',
  operationId: 'restoreCommunityItem',
  tag: 'Moderation',
  summary: 'Restore a hidden or removed community item (admin)',
  description:
    'A hidden item is shown again. A removed one cannot come back (its files are deleted): restoring it lifts the block on its picture and clears its tombstone, so its owner may publish it again. Logged.',
  access: ACCESS.admin,
  request: { params: ZCommunityIdParams },
  responses: {
    200: json(ZModerationAction, 'Restored.'),
    400: refused([ERRORS.invalidCommunityId()]),
    404: refused([ERRORS.communityItemNotFound()]),
    409: refused([ERRORS.notRemoved()]),
    503: refused([ERRORS.mediaBusy()]),
  },
  handler: ({ deps, user, params }) => restoreCommunityItem(deps, { adminId: user.id, communityMediaId: params.id }),
});
