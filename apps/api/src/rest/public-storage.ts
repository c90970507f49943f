import { BUCKETS, ERRORS, StorageNotFoundError } from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';
import { sendObject } from '../http/send-object';

const PUBLIC_BUCKETS = new Set<string>([BUCKETS.general]);
const PREFIX = '/storage/v1/object/public/';

/**
 * Public-bucket objects of the local driver, at the path Supabase Storage uses, so a communityUrl has the
 * same shape on both drivers. Names are unique per upload, so they can be cached forever.
 */
export const publicStorageRoutes = new Hono<AppEnv>().get('/*', async (c) => {
  let rest: string;
  try {
    rest = decodeURIComponent(new URL(c.req.url).pathname.slice(PREFIX.length));
  } catch {
    throw ERRORS.objectNotFound();
  }
  const slash = rest.indexOf('/');
  const bucket = rest.slice(0, slash);
  const key = rest.slice(slash + 1);
  if (slash < 1 || !PUBLIC_BUCKETS.has(bucket)) throw ERRORS.objectNotFound();
  const { storage } = c.get('deps');
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
});
