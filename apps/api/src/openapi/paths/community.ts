import { ZCommunityFeed, ZCommunityItem, ZCommunityOrigin, ZId, ZPublicConfig, ZTag } from '@mediashare/core';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { error, errors, json } from '../common';

export const communityPaths: ZodOpenApiPathsObject = {
  '/api/community': {
    get: {
      tags: ['Community'],
      summary: 'The Community feed, newest first (public)',
      security: [],
      requestParams: {
        query: z.object({
          cursor: z.string().optional().meta({ description: 'nextCursor of the previous page' }),
          limit: z.number().int().min(1).max(60).optional().meta({ description: 'Page size (default 24)' }),
          tags: z
            .string()
            .optional()
            .meta({ description: 'Comma-separated tag slugs; an item must carry all of them', example: 'night,urban' }),
          origin: ZCommunityOrigin.optional(),
        }),
      },
      responses: { '200': json(ZCommunityFeed, 'One page of the feed.'), '400': errors.badRequest({ tag: 'Unknown tag: nope' }) },
    },
  },
  '/api/community/{id}': {
    get: {
      tags: ['Community'],
      summary: 'One community item (public)',
      security: [],
      requestParams: { path: z.object({ id: ZId }) },
      responses: {
        '200': json(ZCommunityItem, 'The item.'),
        '400': errors.badRequest({ id: 'Invalid community item ID' }),
        '404': errors.notFound('Community item not found'),
      },
    },
    delete: {
      tags: ['Community'],
      summary: 'Take your own item out of the Community feed, with its public file',
      description:
        'Also the way to unpublish an item whose original was deleted from the vault. When the original is still ' +
        'there, its community flag is cleared and its share link keeps working. Needs the "share" scope.',
      requestParams: { path: z.object({ id: ZId }) },
      responses: {
        '204': { description: 'Removed from the feed; its public file is deleted.' },
        '400': errors.badRequest({ id: 'Invalid community item ID' }),
        '401': errors.unauthorized,
        '403': errors.forbidden,
        '404': errors.notFound('Community item not found'),
        '500': error('The item could not be removed; nothing was left half-done.', {
          failed: 'Failed to remove from the Community feed',
        }),
        '503': errors.busy,
      },
    },
  },
  '/api/config': {
    get: {
      tags: ['Community'],
      summary: 'Limits clients check before sending: upload size, image pixels, tags per item (public)',
      security: [],
      responses: { '200': json(ZPublicConfig, 'The limits this server enforces.') },
    },
  },
  '/api/tags': {
    get: {
      tags: ['Community'],
      summary: 'The active canonical tags (public)',
      security: [],
      responses: { '200': json(z.array(ZTag), 'Every active tag, by slug.') },
    },
  },
};
