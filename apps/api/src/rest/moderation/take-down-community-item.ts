import { ACCESS, ERRORS, takeDown, ZModerationAction, ZTakedownInput } from '@mediashare/core';
import { ZCommunityIdParams } from '../community/community-id-params';
import { defineRoute, json, jsonBody, refused } from '../define-route';

export const takeDownCommunityItemRoute = defineRoute({
  method: 'post',
  path: '/api/admin/community/{id}/takedown',
  operationId: 'takeDownCommunityItem',
  tag: 'Moderation',
  summary: 'Take a community item down (admin)',
  description:
    'Deletes the public file and its renditions (retried until storage confirms), keeps a tombstone so the item answers 410, clears it from every feed, shows the owner the reason, closes its reports, and blocks its picture: a later community share of it, even re-encoded, is refused. Logged.',
  access: ACCESS.admin,
  request: {
    params: ZCommunityIdParams,
    body: jsonBody(ZTakedownInput, { takedown: { value: { reason: 'Shared without consent' } } }),
  },
  responses: {
    200: json(ZModerationAction, 'Taken down.'),
    400: refused([ERRORS.invalidCommunityId(), ERRORS.invalidInput({ detail: 'reason is required' })]),
    404: refused([ERRORS.communityItemNotFound()]),
    409: refused([ERRORS.alreadyRemoved()]),
    503: refused([ERRORS.mediaBusy()]),
  },
  handler: ({ deps, user, params, body }) =>
    takeDown(deps, { adminId: user.id, communityMediaId: params.id, reason: body.reason }),
});
