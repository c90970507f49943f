import { ACCESS, ERRORS, getSharedMediaFile } from '@mediashare/core';
import { sendObject } from '../../http/send-object';
import { binary, defineRoute, plain, refused } from '../define-route';
import { ZShareCodeParams } from './share-code-params';

export const getSharedMediaFileRoute = defineRoute({
  method: 'get',
  path: '/api/shared/media/{code}/file',
  operationId: 'getSharedMediaFile',
  tag: 'Share links',
  summary: 'The shared file (public), with HTTP Range support',
  description:
    'The file behind a share code, for anyone holding it. A `Range` header gets 206 with that range; a range past the end gets 416.',
  access: ACCESS.public,
  request: { params: ZShareCodeParams },
  responses: {
    200: binary('The whole file.'),
    206: binary('The requested range.'),
    404: refused([ERRORS.sharedMediaNotFound()]),
    416: plain('The range lies outside the file.'),
  },
  handler: async ({ c, deps, params }) => {
    const file = await getSharedMediaFile(deps, params.code);
    // Not cacheable by shared caches: deleting the share must stop the link at once.
    return sendObject(c, { ...file, contentType: file.mimeType, cacheControl: 'private, no-cache' });
  },
});
