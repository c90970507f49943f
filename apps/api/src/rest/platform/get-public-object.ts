import { ACCESS, ERRORS, getPublicObject } from '@mediashare/core';
import { z } from 'zod';
import { sendObject } from '../../http/send-object';
import { binary, defineRoute, plain, refused } from '../define-route';

/**
 * Public-bucket objects of the local driver, at the path Supabase Storage uses, so a communityUrl has the
 * same shape on both drivers. Cached for PUBLIC_CACHE_SECONDS only: names are unique per upload, but an
 * unpublished copy must stop showing soon, in browsers and CDNs alike.
 */
export const getPublicObjectRoute = defineRoute({
  method: 'get',
  path: '/storage/v1/object/public/{bucket}/{path}',
  honoPath: '/storage/v1/object/public/:bucket/:path{.+}',
  operationId: 'getPublicObject',
  tag: 'Files',
  summary: 'A public-bucket file of the local storage driver (the path Supabase Storage uses)',
  description:
    'Public copies in the general bucket, served by the API when the local storage driver is used, at the path Supabase Storage uses, so a communityUrl has the same shape on both drivers. A `Range` header gets 206 with that range; a range past the end gets 416.',
  access: ACCESS.public,
  request: {
    params: z.object({
      bucket: z.string().meta({ description: 'The public bucket: general', example: 'general' }),
      path: z.string().meta({ description: 'The object key', example: 'beach_photo-a1b2c3d4.jpg' }),
    }),
  },
  responses: {
    200: binary('The file, with its stored Content-Type, nosniff and PUBLIC_CACHE_SECONDS of public caching.'),
    206: binary('The requested range.'),
    404: refused([ERRORS.objectNotFound()]),
    416: plain('The range lies outside the file.'),
  },
  handler: async ({ c, deps, params: { bucket, path } }) => {
    const object = await getPublicObject(deps, { bucket, key: path });
    const seconds = deps.env.PUBLIC_CACHE_SECONDS;
    return sendObject(c, { ...object, cacheControl: seconds > 0 ? `public, max-age=${seconds}` : 'no-cache' });
  },
});
