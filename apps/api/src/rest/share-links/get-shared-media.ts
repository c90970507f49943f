import { ACCESS, ERRORS, getSharedMedia, ZSharedMedia } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';
import { ZShareCodeParams } from './share-code-params';

export const getSharedMediaRoute = defineRoute({
  method: 'get',
  path: '/api/shared/media/{code}',
  operationId: 'getSharedMedia',
  tag: 'Share links',
  summary: 'What a share link shows (public)',
  access: ACCESS.public,
  request: { params: ZShareCodeParams },
  responses: {
    200: json(ZSharedMedia, 'The shared item.'),
    404: refused([ERRORS.sharedMediaNotFound()]),
  },
  handler: ({ deps, params }) => getSharedMedia(deps, params.code),
});
