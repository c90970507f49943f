import { ACCESS, ERRORS, getSharedMediaFile } from '@mediashare/core';
import { z } from 'zod';
import { linkVisitOf } from '../../http/link-visit';
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
    'The file behind a share code, for anyone holding it. JPEG, PNG and WebP are served without EXIF, XMP, GPS or comments and with their orientation applied (a copy made on the first download and kept); GIFs and videos as uploaded. With the link setting showMetadata on, the original bytes are served instead. A `Range` header gets 206 with that range; a range past the end gets 416. The link rules apply as on `GET /api/shared/media/{code}` (a locked link serves no bytes). `?download=1` asks for an attachment; with downloads turned off for the link it is a 403 and the file is only served inline.',
  access: ACCESS.public,
  request: {
    params: ZShareCodeParams,
    query: z.object({
      download: z
        .enum(['0', '1'], { message: 'must be 1 or 0' })
        .optional()
        .meta({ description: '1 to download the file as an attachment' }),
    }),
  },
  responses: {
    200: binary('The whole file.'),
    206: binary('The requested range.'),
    400: refused([ERRORS.invalidInput({ detail: 'Invalid field "download": must be 1 or 0' })]),
    401: refused([ERRORS.linkPasswordRequired()], 'The link has a password and this browser has not unlocked it.'),
    403: refused([ERRORS.linkDownloadsOff()]),
    404: refused([ERRORS.sharedMediaNotFound()]),
    410: refused(
      [ERRORS.linkExpired(), ERRORS.linkViewLimitReached(), ERRORS.communityItemRemoved()],
      'The link has expired or reached its view limit, or the item was taken down by a moderator.',
    ),
    416: plain('The range lies outside the file.'),
    500: refused(
      [ERRORS.linkFileUnavailable()],
      'The copy without metadata could not be made; the original is never served instead.',
    ),
  },
  handler: async ({ c, deps, user, params, query }) => {
    const file = await getSharedMediaFile(deps, params.code, {
      visit: linkVisitOf(c, user?.id, params.code),
      download: query.download === '1',
    });
    // Not cacheable by shared caches: deleting the share must stop the link at once.
    return sendObject(c, { ...file, contentType: file.mimeType, cacheControl: 'private, no-cache' });
  },
});
