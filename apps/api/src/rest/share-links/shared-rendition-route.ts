import { ACCESS, ERRORS, getSharedRendition, type TRenditionKind } from '@mediashare/core';
import { linkVisitOf } from '../../http/link-visit';
import { sendObject } from '../../http/send-object';
import { binary, defineRoute, plain, refused } from '../define-route';
import { ZShareCodeParams } from './share-code-params';

/**
 * A share link's thumbnail or preview (the page's image and its og:image). Like the file, never kept
 * by shared caches, so deleting the share stops it at once; the ETag makes a browser's check a 304.
 */
export const sharedRenditionRoute = (kind: TRenditionKind, operationId: string) =>
  defineRoute({
    method: 'get',
    path: `/api/shared/media/{code}/${kind}`,
    operationId,
    tag: 'Share links',
    summary: `The shared item's ${kind} (public, WebP), with ETag and HTTP Range support`,
    description: `The ${kind} of the item behind a share link, for anyone holding the link (the share page's image and its og:image). Metadata-free WebP made from the item; never stored by shared caches, so deleting the share ends it at once. The link's rules apply as on \`GET /api/shared/media/{code}\`.`,
    access: ACCESS.public,
    request: { params: ZShareCodeParams },
    responses: {
      200: binary(kind === 'preview' ? 'The preview (an animation no smaller as WebP: the file itself).' : 'The thumbnail.'),
      206: binary('The requested range.'),
      304: plain('Not modified: If-None-Match named the current ETag.'),
      401: refused([ERRORS.linkPasswordRequired()], 'The link has a password and this browser has not unlocked it.'),
      404: refused([ERRORS.sharedMediaNotFound(), ERRORS.renditionNotFound()]),
      410: refused(
        [ERRORS.linkExpired(), ERRORS.linkViewLimitReached(), ERRORS.communityItemRemoved()],
        'The link has expired or reached its view limit, or the item was taken down by a moderator.',
      ),
      416: plain('The range lies outside the file.'),
    },
    handler: async ({ c, deps, user, params }) => {
      const visit = linkVisitOf(c, user?.id, params.code);
      const rendition = await getSharedRendition(deps, { shareCode: params.code, kind, visit });
      return sendObject(c, { ...rendition, contentType: rendition.mimeType, cacheControl: 'private, no-cache' });
    },
  });
