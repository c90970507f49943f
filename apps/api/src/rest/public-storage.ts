import { AppError, BUCKETS, StorageNotFoundError } from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';
import { sendObject } from '../http/send-object';

const PUBLIC_BUCKETS = new Set<string>([BUCKETS.general]);
const PREFIX = '/storage/v1/object/public/';

/**
 * Public-bucket objects of the local driver, at the path Supabase Storage uses, so a communityUrl has the
 * same shape on both drivers. Cached for PUBLIC_CACHE_SECONDS only: names are unique per upload, but an
 * unpublished copy must stop showing soon, in browsers and CDNs alike.
 */
export const publicStorageRoutes = new Hono<AppEnv>().get('/*', async (c) => {
  let rest: string;
  try {
    rest = decodeURIComponent(new URL(c.req.url).pathname.slice(PREFIX.length));
  } catch {
    throw new AppError('NOT_FOUND', 'Object not found');
  }
  const slash = rest.indexOf('/');
  const bucket = rest.slice(0, slash);
  const key = rest.slice(slash + 1);
  if (slash < 1 || !PUBLIC_BUCKETS.has(bucket)) throw new AppError('NOT_FOUND', 'Object not found');
  const { storage, env } = c.get('deps');
  const info = await storage.stat(bucket as typeof BUCKETS.general, key).catch((error: unknown) => {
    // A key that could never be valid (traversal and the like) is simply not there.
    if (error instanceof Error && error.name === 'InvalidKeyError') return null;
    throw error;
  });
  if (!info) throw new AppError('NOT_FOUND', 'Object not found');
  return sendObject(c, {
    size: info.size,
    contentType: info.contentType,
    cacheControl: env.PUBLIC_CACHE_SECONDS > 0 ? `public, max-age=${env.PUBLIC_CACHE_SECONDS}` : 'no-cache',
    open: async (range) => {
      try {
        return await storage.get(bucket as typeof BUCKETS.general, key, range ? { range } : {});
      } catch (error) {
        if (error instanceof StorageNotFoundError) throw new AppError('NOT_FOUND', 'Object not found');
        throw error;
      }
    },
  });
});
