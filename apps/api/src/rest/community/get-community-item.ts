import { ACCESS, ERRORS, getCommunityItem, ZCommunityItem } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';
import { ZCommunityIdParams } from './community-id-params';

export const getCommunityItemRoute = defineRoute({
  method: 'get',
  path: '/api/community/{id}',
  operationId: 'getCommunityItem',
  tag: 'Community',
  summary: 'One community item (public)',
  description: 'One item of the Community feed, with its public file URL and tags. An item taken out of the feed is a 404.',
  access: ACCESS.public,
  request: { params: ZCommunityIdParams },
  responses: {
    200: json(ZCommunityItem, 'The item.'),
    400: refused([ERRORS.invalidCommunityId()]),
    404: refused([ERRORS.communityItemNotFound()]),
    410: refused([ERRORS.communityItemRemoved()], 'Taken down by a moderator.'),
  },
  handler: ({ deps, params }) => getCommunityItem(deps, params.id),
});
