import { ZId } from '@mediashare/core';
import { z } from 'zod';
import type { ZodOpenApiResponseObject } from 'zod-openapi';

/** Every error answer of the REST API. */
export const ZErrorBody = z
  .object({ message: z.string() })
  .meta({ id: 'Error', description: 'What went wrong, in one sentence.' });

export const ZIdPath = z.object({ id: ZId.meta({ description: 'Database ID', example: 456 }) });

export const json = (schema: z.ZodType, description: string, examples?: Record<string, { summary?: string; value: unknown }>) =>
  ({
    description,
    content: { 'application/json': { schema, ...(examples ? { examples } : {}) } },
  }) satisfies ZodOpenApiResponseObject;

export const error = (description: string, examples?: Record<string, string>) =>
  json(
    ZErrorBody,
    description,
    examples ? Object.fromEntries(Object.entries(examples).map(([key, message]) => [key, { value: { message } }])) : undefined,
  );

/** The error answers routes share, with the messages clients can rely on. */
export const errors = {
  badRequest: (examples?: Record<string, string>) => error('Malformed input; the message names the field.', examples),
  unauthorized: error('No valid session or API token.', { authRequired: 'Authentication required' }),
  forbidden: error('A browser request from another origin, or an API token without the needed scope.', {
    crossOrigin: 'Cross-origin request refused',
    scope: 'This API token lacks the "share" scope',
  }),
  notFound: (message: string) => error('Missing, or not yours: the two are not told apart.', { notFound: message }),
  tooLarge: error('The body is over the size limit.'),
  unsupported: error('The bytes are not an accepted type (JPEG, PNG, WebP, GIF, MP4, WebM, QuickTime).'),
  unprocessable: error('An image over the pixel limit, or one whose dimensions cannot be read.'),
  busy: {
    ...error('The item is being changed by another request; retry after Retry-After seconds.'),
    headers: z.object({ 'Retry-After': z.string().meta({ description: 'Seconds to wait' }) }),
  },
};

export const binary = (description: string) => ({
  description,
  content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
});
