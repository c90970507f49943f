import { ZGeneratedSource, ZId, ZMediaItem } from '@mediashare/core';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { binary, errors, json } from '../common';

export const platformPaths: ZodOpenApiPathsObject = {
  '/api/internal/users/{userId}/generated/{source}': {
    post: {
      tags: ['Internal'],
      summary: 'Register generated media for a user (stored under <userId>/generated/<source>/)',
      description:
        'Only with INTERNAL_API_TOKEN configured and sent as a bearer token; otherwise this path does not exist (404).',
      security: [{ serviceToken: [] }],
      requestParams: { path: z.object({ userId: ZId, source: ZGeneratedSource }) },
      requestBody: { content: { 'multipart/form-data': { schema: z.object({ file: z.string().meta({ format: 'binary' }) }) } } },
      responses: {
        '201': json(ZMediaItem, 'The stored media item.'),
        '400': errors.badRequest(),
        '404': errors.notFound('Not found'),
        '413': errors.tooLarge,
        '415': errors.unsupported,
        '422': errors.unprocessable,
      },
    },
  },
  '/storage/v1/object/public/{bucket}/{path}': {
    get: {
      tags: ['Files'],
      summary: 'A public-bucket file of the local storage driver (the path Supabase Storage uses)',
      security: [],
      requestParams: { path: z.object({ bucket: z.literal('general'), path: z.string() }) },
      responses: {
        '200': binary('The file, with its stored Content-Type, nosniff and a year of caching.'),
        '206': binary('The requested range.'),
        '404': errors.notFound('Object not found'),
      },
    },
  },
  '/healthz': {
    get: {
      tags: ['Operations'],
      summary: 'Liveness: the process and its database answer',
      security: [],
      responses: {
        '200': json(z.object({ status: z.literal('ok') }), 'Healthy.'),
        '503': json(z.object({ status: z.literal('unavailable') }), 'The database does not answer.'),
      },
    },
  },
  '/api/openapi.json': {
    get: { tags: ['Operations'], summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1' } } },
  },
  '/api/docs': {
    get: {
      tags: ['Operations'],
      summary: 'Interactive documentation of this API',
      security: [],
      responses: { '200': { description: 'HTML' } },
    },
  },
};
