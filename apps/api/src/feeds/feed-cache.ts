import { createHash } from 'node:crypto';

export interface CachedFeed {
  body: string;
  etag: string;
  lastModified: Date | null;
  expiresAt: number;
}

/** A few seconds per query: a burst of readers (or one client in a loop) costs one query per window. */
export const FEED_CACHE_MS = 5_000;
// Bounded, so varied queries cannot grow it without end; the oldest entry goes first.
const MAX_ENTRIES = 500;

/** One process's feed documents by query. Public data only, so sharing it among callers is safe. */
export const createFeedCache = () => {
  const entries = new Map<string, CachedFeed>();
  return {
    async get(key: string, now: number, make: () => Promise<{ body: string; lastModified: Date | null }>) {
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now) return hit;
      const { body, lastModified } = await make();
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      const entry = { body, etag, lastModified, expiresAt: now + FEED_CACHE_MS };
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      return entry;
    },
  };
};
