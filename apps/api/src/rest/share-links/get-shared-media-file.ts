import { ACCESS, ERRORS, getSharedMediaFile } from '@mediashare/core';
import { sendObject } from '../../http/send-object';
import { binary, defineRoute, plain, refused } from '../define-route';
import { ZShareCodeParams } from './share-code-params';

export const getSharedMediaFileRoute = defineRoute({
  method: 'get',
  path: '/api/shared/media/{code}/file',
  operationId: 'getSharedMediaFile',
  tag: 'Share links',
  summary: 'The shared file (public), without metadata, with HTTP Range support',
  description:
    'The file behind a share code, for anyone holding it. JPEG, PNG and WebP are served without EXIF, XMP, GPS or comments and with their orientation applied (a copy made on the first download and kept); GIFs and videos as uploaded. A `Range` header gets 206 with that range; a range past the end gets 416.',
  access: ACCESS.public,
  request: { params: ZShareCodeParams },
  responses: {
    200: binary('The whole file.'),
    206: binary('The requested range.'),
    404: refused([ERRORS.sharedMediaNotFound()]),
    410: refused([ERRORS.communityItemRemoved()], 'Taken down by a moderator.'),
    416: plain('The range lies outside the file.'),
    500: refused(
      [ERRORS.linkFileUnavailable()],
      'The copy without metadata could not be made; the original is never served instead.',
    ),
  },
  handler: async ({ c, deps, params }) => {
    const file = await getSharedMediaFile(deps, params.code);
    // Not cacheable by shared caches: deleting the share must stop the link at once.
    return sendObject(c, { ...file, contentType: file.mimeType, cacheControl: 'private, no-cache' });
  },
});
