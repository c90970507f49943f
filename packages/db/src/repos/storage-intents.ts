import { BUCKETS, baseKeyOf, type StorageIntentRepo } from '@mediashare/core';
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { communityMedia, media, renditionJobs, shareClaims, storageIntents } from '../schema';

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
    // A rendition or stripped copy: referenced when its item's row names it; pending while a job that
    // holds a live lease is still writing it.
    const base = baseKeyOf(path);
    if (base && (bucket === BUCKETS.userMedia || bucket === BUCKETS.general)) {
      const table = bucket === BUCKETS.userMedia ? media : communityMedia;
      const [row] = await db
        .select({ id: table.id, thumbnailPath: table.thumbnailPath, previewPath: table.previewPath })
        .from(table)
        .where(eq(table.filePath, base))
        .limit(1);
      if (!row) return 'orphan';
      const [stripped] =
        bucket === BUCKETS.userMedia ? await db.select({ path: media.strippedPath }).from(media).where(eq(media.id, row.id)) : [];
      if ([row.thumbnailPath, row.previewPath, stripped?.path].includes(path)) return 'referenced';
      const job = bucket === BUCKETS.userMedia ? renditionJobs.mediaId : renditionJobs.communityMediaId;
      const [running] = await db
        .select({ id: renditionJobs.id })
        .from(renditionJobs)
        .where(and(eq(job, row.id), gt(renditionJobs.leasedUntil, now)))
        .limit(1);
      return running ? 'pending' : 'orphan';
    }
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
