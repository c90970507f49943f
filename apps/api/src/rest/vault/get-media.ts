import { ACCESS, ERRORS, getMediaItem, ZMediaItem } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';
import { ZMediaIdParams } from './media-id-params';

export const getMediaRoute = defineRoute({
  method: 'get',
  path: '/api/user/media/{id}',
  operationId: 'getMedia',
  tag: 'Vault',
  summary: 'One media item',
  description:
    "One of the caller's media items with its share state. Someone else's item is answered exactly like a missing one (404).",
  access: ACCESS.signedIn('read'),
  request: { params: ZMediaIdParams },
  responses: {
    200: json(ZMediaItem, 'The media item.'),
    400: refused([ERRORS.invalidMediaId()]),
    404: refused([ERRORS.mediaNotFound()]),
  },
  handler: async ({ deps, user, params }) => getMediaItem(deps, user.id, params.id),
});
