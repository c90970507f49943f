import { ACCESS, ERRORS, uploadMedia, ZMediaItem } from '@mediashare/core';
import { defineRoute, fileUpload, json, refused } from '../define-route';

export const uploadMediaRoute = defineRoute({
  method: 'post',
  path: '/api/user/media',
  operationId: 'uploadMedia',
  tag: 'Vault',
  summary: 'Upload into the vault (multipart, field `file`); the type is decided from the bytes',
  description:
    'Multipart form data with the file in the field `file`. The type is decided from the bytes (JPEG, PNG, WebP, GIF, MP4, WebM, QuickTime), never from the name or the header; images over the pixel limit are refused before they are decoded. Answers 201 with the media item, its `id` and its `filePath` in user-media.',
  access: ACCESS.signedIn('share'),
  budget: 'uploads',
  request: { body: fileUpload('The image, GIF or video') },
  idempotent: true,
  responses: {
    201: json(ZMediaItem, 'The stored media item.'),
    415: refused([ERRORS.unsupportedMediaType()]),
    413: refused(
      [ERRORS.quotaExceeded({ usage: 9_500_000_000, quota: 10_737_418_240 })],
      'The file would take the account past its storage quota (refused from Content-Length before the body is read, else at the byte that passes it), or past MAX_UPLOAD_BYTES.',
    ),
    422: refused([ERRORS.imageTooLarge({ width: 20000, height: 20000, limit: 50_000_000 }), ERRORS.unreadableImage()]),
  },
  handler: ({ c, deps, user, body }) => {
    const declared = Number(c.req.header('content-length') ?? Number.NaN);
    return uploadMedia(deps, {
      userId: user.id,
      fileName: body.fileName,
      body: body.stream,
      source: 'upload',
      declaredBytes: Number.isFinite(declared) ? declared : undefined,
    });
  },
});
