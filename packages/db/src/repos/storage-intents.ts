import { BUCKETS, type StorageIntentRepo } from '@mediashare/core';
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { communityMedia, media, shareClaims, storageIntents } from '../schema';

export const storageIntentRepo = (db: Executor): StorageIntentRepo => ({
  async add(bucket, path) {
    await db
      .insert(storageIntents)
      .values({ bucket, path })
      .onConflictDoUpdate({ target: [storageIntents.bucket, storageIntents.path], set: { createdAt: sql`now()` } });
  },

  async remove(bucket, path) {
    await db.delete(storageIntents).where(and(eq(storageIntents.bucket, bucket), eq(storageIntents.path, path)));
  },

  findStale: (olderThan, limit) =>
    db.select().from(storageIntents).where(lt(storageIntents.createdAt, olderThan)).orderBy(asc(storageIntents.createdAt)).limit(limit),

  async isReferenced(bucket, path) {
    if (bucket === BUCKETS.userMedia) {
      const [row] = await db.select({ id: media.id }).from(media).where(eq(media.filePath, path)).limit(1);
      return Boolean(row);
    }
    if (bucket === BUCKETS.general) {
      const [row] = await db.select({ id: communityMedia.id }).from(communityMedia).where(eq(communityMedia.filePath, path)).limit(1);
      if (row) return true;
      // A copy still being written under a live claim is in use too.
      const [claim] = await db
        .select({ mediaId: shareClaims.mediaId })
        .from(shareClaims)
        .where(and(eq(shareClaims.filePath, path), gt(shareClaims.expiresAt, sql`now()`)))
        .limit(1);
      return Boolean(claim);
    }
    return false;
  },
});
