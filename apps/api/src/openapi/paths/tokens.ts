import { ZApiToken, ZCreatedApiToken, ZCreateTokenInput, ZId } from '@mediashare/core';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errors, json } from '../common';

const sessionOnly = { security: [{ session: [] }] };

export const tokenPaths: ZodOpenApiPathsObject = {
  '/api/user/tokens': {
    post: {
      tags: ['API tokens'],
      summary: 'Create a personal API token (shown once)',
      ...sessionOnly,
      requestBody: { content: { 'application/json': { schema: ZCreateTokenInput } } },
      responses: {
        '201': json(ZCreatedApiToken, 'The token, with its secret: store it now.'),
        '400': errors.badRequest(),
        '401': errors.unauthorized,
        '403': errors.forbidden,
      },
    },
    get: {
      tags: ['API tokens'],
      summary: "The caller's active tokens (without secrets)",
      ...sessionOnly,
      responses: { '200': json(z.array(ZApiToken), 'Newest first.'), '401': errors.unauthorized, '403': errors.forbidden },
    },
  },
  '/api/user/tokens/{id}': {
    delete: {
      tags: ['API tokens'],
      summary: 'Revoke a token; it is refused from the next request on',
      ...sessionOnly,
      requestParams: { path: z.object({ id: ZId }) },
      responses: {
        '204': { description: 'Revoked.' },
        '400': errors.badRequest({ id: 'Invalid token ID' }),
        '401': errors.unauthorized,
        '403': errors.forbidden,
        '404': errors.notFound('Token not found'),
      },
    },
  },
};
