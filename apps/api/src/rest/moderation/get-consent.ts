import { ACCESS, ERRORS, findConsent, ZConsent } from '@mediashare/core';
import { ZCommunityIdParams } from '../community/community-id-params';
import { defineRoute, json, refused } from '../define-route';

export const getConsentRoute = defineRoute({
  method: 'get',
  path: '/api/community/{id}/consent',
  operationId: 'getCommunityConsent',
  tag: 'Moderation',
  summary: "A community item's consent receipts (owner or admin)",
  description:
    'One receipt per publication of the item (the share that created it and every re-share): policy version and SHA-256, the exact statement agreed to, the user, the time and the request id. Anyone but the owner and admins gets a 404.',
  access: ACCESS.signedIn('read'),
  request: { params: ZCommunityIdParams },
  responses: {
    200: json(ZConsent, 'The receipts, newest first.'),
    400: refused([ERRORS.invalidCommunityId()]),
    404: refused([ERRORS.communityItemNotFound()]),
  },
  handler: ({ deps, user, params }) => findConsent(deps, { user, communityMediaId: params.id }),
});
