import { ZMediaItem, ZShareByPathInput, ZShareByPathResult, ZSharedMedia, ZShareInput, ZShareResult } from '@mediashare/core';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { binary, errors, json, ZIdPath } from '../common';
import { SHARE_ERRORS, SHARE_REQUEST_EXAMPLES, SHARE_RESPONSE_EXAMPLES } from '../seed-examples';

const serverError = (examples: Record<string, string>) => ({
  ...errors.badRequest(examples),
  description: 'The share could not be completed; nothing was left half-done.',
});
const code = z.object({ code: z.string().meta({ description: 'Share code', example: 'abc123def456' }) });

export const sharingPaths: ZodOpenApiPathsObject = {
  '/api/media/{id}/share': {
    post: {
      tags: ['Sharing'],
      summary: 'Create a share link, and optionally share to the Community feed',
      description:
        'Users can only share their own media. With shareToCommunity (default true) the media is copied to the public general bucket, user-uploaded JPEG/PNG/WebP images watermarked, and the given canonical tags attached; with false, any community copy and its tags are removed and the share link stays. Uploads shared to the community need policyAgreed and at least one tag.',
      requestParams: { path: ZIdPath },
      requestBody: { content: { 'application/json': { schema: ZShareInput, examples: SHARE_REQUEST_EXAMPLES } } },
      responses: {
        '200': json(ZShareResult, 'The share code and URL, and the community copy when shared there.', SHARE_RESPONSE_EXAMPLES),
        '400': errors.badRequest({ ...SHARE_ERRORS.badRequest, unknownTag: 'Unknown tag: nope' }),
        '401': errors.unauthorized,
        '403': errors.forbidden,
        '404': errors.notFound(SHARE_ERRORS.notFound),
        '500': serverError(SHARE_ERRORS.serverError),
        '503': errors.busy,
      },
    },
    delete: {
      tags: ['Sharing'],
      summary: 'Completely remove sharing: the code, the community copy, both flags',
      requestParams: { path: ZIdPath },
      responses: {
        '200': json(ZMediaItem, 'The media item, no longer shared.'),
        '400': errors.badRequest({ invalidMediaId: 'Invalid media ID' }),
        '401': errors.unauthorized,
        '403': errors.forbidden,
        '404': errors.notFound(SHARE_ERRORS.notFound),
        '500': serverError({ failed: 'Failed to remove share' }),
        '503': errors.busy,
      },
    },
  },
  '/api/user/media/share': {
    post: {
      tags: ['Sharing'],
      summary: "Share by storage path in the caller's folder of user-media (creates the record if needed)",
      requestBody: {
        content: {
          'application/json': {
            schema: ZShareByPathInput,
            examples: { byPath: { value: { filePath: '12/generated/babecock/a1b2c3.png', shareToCommunity: true } } },
          },
        },
      },
      responses: {
        '200': json(ZShareByPathResult, 'As for sharing by id, plus the media id the path resolved to.'),
        '400': errors.badRequest(SHARE_ERRORS.badRequest),
        '401': errors.unauthorized,
        '403': errors.forbidden,
        '404': errors.notFound(SHARE_ERRORS.notFound),
        '415': errors.unsupported,
        '422': errors.unprocessable,
        '500': serverError(SHARE_ERRORS.serverError),
        '503': errors.busy,
      },
    },
  },
  '/api/shared/media/{code}': {
    get: {
      tags: ['Share links'],
      summary: 'What a share link shows (public)',
      security: [],
      requestParams: { path: code },
      responses: { '200': json(ZSharedMedia, 'The shared item.'), '404': errors.notFound('Shared media not found') },
    },
  },
  '/api/shared/media/{code}/file': {
    get: {
      tags: ['Share links'],
      summary: 'The shared file (public), with HTTP Range support',
      security: [],
      requestParams: { path: code },
      responses: {
        '200': binary('The whole file.'),
        '206': binary('The requested range.'),
        '404': errors.notFound('Shared media not found'),
        '416': { description: 'The range lies outside the file.' },
      },
    },
  },
};
