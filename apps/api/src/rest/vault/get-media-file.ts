import { ACCESS, ERRORS, getMediaFile } from '@mediashare/core';
import { sendObject } from '../../http/send-object';
import { binary, defineRoute, plain, refused } from '../define-route';
import { ZMediaIdParams } from './media-id-params';

export const getMediaFileRoute = defineRoute({
  method: 'get',
  path: '/api/user/media/{id}/file',
  operationId: 'getMediaFile',
  tag: 'Vault',
  summary: 'The original file, with HTTP Range support',
  description:
    "The caller's original file, with its type and nosniff. A `Range` header gets 206 with that range; a range past the end gets 416.",
  access: ACCESS.signedIn('read'),
  request: { params: ZMediaIdParams },
  responses: {
    200: binary('The whole file, with its stored Content-Type.'),
    206: binary('The requested range.'),
    400: refused([ERRORS.invalidMediaId()]),
    404: refused([ERRORS.mediaNotFound()]),
    416: plain('The range lies outside the file.'),
  },
  handler: async ({ c, deps, user, params }) => {
    const file = await getMediaFile(deps, { userId: user.id, id: params.id });
    return sendObject(c, { ...file, contentType: file.mimeType, cacheControl: 'private, max-age=3600' });
  },
});
