import { ZMediaItem, ZMediaListResult } from '@mediashare/core';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { binary, errors, json, ZIdPath } from '../common';

const invalidId = { invalidMediaId: 'Invalid media ID' };
const upload = z.object({ file: z.string().meta({ format: 'binary', description: 'The image, GIF or video' }) });

export const vaultPaths: ZodOpenApiPathsObject = {
  '/api/user/media': {
    post: {
      tags: ['Vault'],
      summary: 'Upload into the vault (multipart, field `file`); the type is decided from the bytes',
      requestBody: { content: { 'multipart/form-data': { schema: upload } } },
      responses: {
        '201': json(ZMediaItem, 'The stored media item.'),
        '400': errors.badRequest({ missingFile: 'Missing file field "file"' }),
        '401': errors.unauthorized,
        '403': errors.forbidden,
        '413': errors.tooLarge,
        '415': errors.unsupported,
        '422': errors.unprocessable,
      },
    },
    get: {
      tags: ['Vault'],
      summary: "The caller's media, newest first",
      requestParams: {
        query: z.object({
          cursor: z.string().optional().meta({ description: 'nextCursor of the previous page' }),
          limit: z.number().int().min(1).max(100).optional().meta({ description: 'Page size (default 30)' }),
        }),
      },
      responses: {
        '200': json(ZMediaListResult, 'One page.'),
        '400': errors.badRequest({ cursor: 'Invalid cursor' }),
        '401': errors.unauthorized,
        '403': errors.forbidden,
      },
    },
  },
  '/api/user/media/{id}': {
    get: {
      tags: ['Vault'],
      summary: 'One media item',
      requestParams: { path: ZIdPath },
      responses: {
        '200': json(ZMediaItem, 'The media item.'),
        '400': errors.badRequest(invalidId),
        '401': errors.unauthorized,
        '403': errors.forbidden,
        '404': errors.notFound('Media not found'),
      },
    },
    delete: {
      tags: ['Vault'],
      summary: 'Remove from the vault (its community copy stays)',
      requestParams: { path: ZIdPath },
      responses: {
        '204': { description: 'Removed, with its file.' },
        '400': errors.badRequest(invalidId),
        '401': errors.unauthorized,
        '403': errors.forbidden,
        '404': errors.notFound('Media not found'),
      },
    },
  },
  '/api/user/media/{id}/file': {
    get: {
      tags: ['Vault'],
      summary: 'The original file, with HTTP Range support',
      requestParams: { path: ZIdPath },
      responses: {
        '200': binary('The whole file, with its stored Content-Type.'),
        '206': binary('The requested range.'),
        '400': errors.badRequest(invalidId),
        '401': errors.unauthorized,
        '403': errors.forbidden,
        '404': errors.notFound('Media not found'),
        '416': { description: 'The range lies outside the file.' },
      },
    },
  },
};
