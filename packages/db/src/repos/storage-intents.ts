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
    db
      .select()
      .from(storageIntents)
      .where(lt(storageIntents.createdAt, olderThan))
      .orderBy(asc(storageIntents.createdAt))
      .limit(limit),

  async status(bucket, path, now) {
    if (bucket === BUCKETS.userMedia) {
      const [row] = await db.select({ id: media.id }).from(media).where(eq(media.filePath, path)).limit(1);
      return row ? 'referenced' : 'orphan';
    }
    if (bucket === BUCKETS.general) {
      const [row] = await db
        .select({ id: communityMedia.id })
        .from(communityMedia)
        .where(eq(communityMedia.filePath, path))
        .limit(1);
      if (row) return 'referenced';
      const [claim] = await db
        .select({ mediaId: shareClaims.mediaId })
        .from(shareClaims)
        .where(and(eq(shareClaims.filePath, path), gt(shareClaims.expiresAt, now)))
        .limit(1);
      return claim ? 'pending' : 'orphan';
    }
    return 'orphan';
  },
});
