import { ACCESS, BUCKETS, ERRORS, StorageNotFoundError } from '@mediashare/core';
import { z } from 'zod';
import { sendObject } from '../../http/send-object';
import { binary, defineRoute, refused } from '../define-route';

const PUBLIC_BUCKETS = new Set<string>([BUCKETS.general]);

/**
 * Public-bucket objects of the local driver, at the path Supabase Storage uses, so a communityUrl has the
 * same shape on both drivers. Names are unique per upload, so they can be cached forever.
 */
export const getPublicObjectRoute = defineRoute({
  method: 'get',
  path: '/storage/v1/object/public/{bucket}/{path}',
  honoPath: '/storage/v1/object/public/:bucket/:path{.+}',
  operationId: 'getPublicObject',
  tag: 'Files',
  summary: 'A public-bucket file of the local storage driver (the path Supabase Storage uses)',
  access: ACCESS.public,
  request: {
    params: z.object({
      bucket: z.string().meta({ description: 'The public bucket: general', example: 'general' }),
      path: z.string().meta({ description: 'The object key', example: 'beach_photo-a1b2c3d4.jpg' }),
    }),
  },
  responses: {
    200: binary('The file, with its stored Content-Type, nosniff and a year of caching.'),
    206: binary('The requested range.'),
    404: refused([ERRORS.objectNotFound()]),
  },
  handler: async ({ c, deps: { storage }, params: { bucket, path: key } }) => {
    if (!PUBLIC_BUCKETS.has(bucket)) throw ERRORS.objectNotFound();
    const info = await storage.stat(bucket as typeof BUCKETS.general, key).catch((error: unknown) => {
      // A key that could never be valid (traversal and the like) is simply not there.
      if (error instanceof Error && error.name === 'InvalidKeyError') return null;
      throw error;
    });
    if (!info) throw ERRORS.objectNotFound();
    return sendObject(c, {
      size: info.size,
      contentType: info.contentType,
      cacheControl: 'public, max-age=31536000, immutable',
      open: async (range) => {
        try {
          return await storage.get(bucket as typeof BUCKETS.general, key, range ? { range } : {});
        } catch (error) {
          if (error instanceof StorageNotFoundError) throw ERRORS.objectNotFound();
          throw error;
        }
      },
    });
  },
});
