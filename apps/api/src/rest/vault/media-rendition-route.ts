import { ACCESS, ERRORS, getMediaRendition, type TRenditionKind } from '@mediashare/core';
import { sendObject } from '../../http/send-object';
import { binary, defineRoute, plain, refused } from '../define-route';
import { ZMediaIdParams } from './media-id-params';

const SIZES: Record<TRenditionKind, string> = { thumbnail: 'long edge 480 px', preview: 'long edge 2048 px, never enlarged' };

/**
 * The owner's thumbnail or preview. Cached privately for a day: the ETag changes whenever the renditions
 * are made again, and a revalidation costs a 304.
 */
export const mediaRenditionRoute = (kind: TRenditionKind, operationId: string) =>
  defineRoute({
    method: 'get',
    path: `/api/user/media/{id}/${kind}`,
    operationId,
    tag: 'Vault',
    summary: `The item's ${kind} (WebP, ${SIZES[kind]}), with ETag and HTTP Range support`,
    access: ACCESS.signedIn('read'),
    request: { params: ZMediaIdParams },
    responses: {
      200: binary(
        kind === 'preview'
          ? 'The preview; for an animation that is no smaller as WebP, the original itself.'
          : 'The thumbnail (a video’s poster frame).',
      ),
      206: binary('The requested range.'),
      304: plain('Not modified: If-None-Match named the current ETag.'),
      400: refused([ERRORS.invalidMediaId()]),
      404: refused([ERRORS.mediaNotFound(), ERRORS.renditionNotFound()]),
      416: plain('The range lies outside the file.'),
    },
    handler: async ({ c, deps, user, params }) => {
      const rendition = await getMediaRendition(deps, { userId: user.id, id: params.id, kind });
      return sendObject(c, { ...rendition, contentType: rendition.mimeType, cacheControl: 'private, max-age=86400' });
    },
  });
