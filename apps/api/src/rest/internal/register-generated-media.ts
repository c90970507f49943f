import { ACCESS, ERRORS, registerGeneratedMedia, ZGeneratedSource, ZMediaItem, ZUserId } from '@mediashare/core';
import { z } from 'zod';
import { defineRoute, fileUpload, json, refused } from '../define-route';

export const registerGeneratedMediaRoute = defineRoute({
  method: 'post',
  path: '/api/internal/users/{userId}/generated/{source}',
  operationId: 'registerGeneratedMedia',
  tag: 'Internal',
  summary: 'Register generated media for a user (stored under <userId>/generated/<source>/)',
  description: 'Only with INTERNAL_API_TOKEN configured and sent as a bearer token; otherwise this path does not exist (404).',
  access: ACCESS.service,
  request: {
    params: z.object({ userId: ZUserId, source: ZGeneratedSource }),
    body: fileUpload('The generated image, GIF or video'),
  },
  responses: {
    201: json(ZMediaItem, 'The stored media item.'),
    400: refused([ERRORS.invalidUserId()]),
    404: refused([ERRORS.userNotFound()], 'No such user, or no valid service token: this path does not exist.'),
    415: refused([ERRORS.unsupportedMediaType()]),
    422: refused([ERRORS.imageTooLarge({ width: 20000, height: 20000, limit: 50_000_000 }), ERRORS.unreadableImage()]),
    500: refused([ERRORS.internal()]),
  },
  handler: ({ deps, params: { userId, source }, body }) =>
    registerGeneratedMedia(deps, { userId, source, fileName: body.fileName, body: body.stream }),
});
