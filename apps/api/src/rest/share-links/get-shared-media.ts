import { ACCESS, ERRORS, getSharedMedia, ZSharedMedia } from '@mediashare/core';
import { defineRoute, json, refused } from '../define-route';
import { ZShareCodeParams } from './share-code-params';

export const getSharedMediaRoute = defineRoute({
  method: 'get',
  path: '/api/shared/media/{code}',
  operationId: 'getSharedMedia',
  tag: 'Share links',
  summary: 'What a share link shows (public)',
  description:
    "What anyone holding the share code sees: the item's type, size and dimensions, and the URL of its file. No sign-in needed; a retired or unknown code is a 404.",
  access: ACCESS.public,
  request: { params: ZShareCodeParams },
  responses: {
    200: json(ZSharedMedia, 'The shared item.'),
    404: refused([ERRORS.sharedMediaNotFound()]),
    410: refused([ERRORS.communityItemRemoved()], 'Taken down by a moderator.'),
  },
  handler: ({ deps, params }) => getSharedMedia(deps, params.code),
});
