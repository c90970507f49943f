import { ACCESS, banFromCommunity, ERRORS, ZModerationAction } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';
import { ZUserIdParams } from './admin-params';

export const banFromCommunityRoute = defineRoute({
  method: 'post',
  path: '/api/admin/users/{id}/community-ban',
  operationId: 'banFromCommunity',
  tag: 'Moderation',
  summary: 'Ban a user from publishing to the Community (admin)',
  description: 'The user can no longer share to the Community (403); their vault and share links keep working. Logged.',
  access: ACCESS.admin,
  request: { params: ZUserIdParams },
  responses: {
    200: json(ZModerationAction, 'Banned.'),
    400: refused([ERRORS.invalidUserId()]),
    404: refused([ERRORS.userNotFound()]),
  },
  handler: ({ deps, user, params }) => banFromCommunity(deps, { adminId: user.id, userId: params.id }),
});
