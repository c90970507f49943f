import type { RenditionJobRecord, RenditionJobRepo } from '@mediashare/core';
import { and, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { rowsOf } from '../hot-path';
import { renditionJobs } from '../schema';

const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;

const toRecord = (row: Record<string, unknown>): RenditionJobRecord => {
  const mediaId = row.media_id as number | null;
  return {
    id: Number(row.id),
    target: mediaId === null ? { kind: 'community', id: Number(row.community_media_id) } : { kind: 'media', id: Number(mediaId) },
    attempts: Number(row.attempts),
    leaseId: String(row.lease_id),
    leasedUntil: new Date(row.leased_until as string | Date),
  };
};

export const renditionJobRepo = (db: Executor): RenditionJobRepo => ({
  async enqueue(target, runAfter) {
    const column = target.kind === 'media' ? renditionJobs.mediaId : renditionJobs.communityMediaId;
    await db
      .insert(renditionJobs)
      .values({ [target.kind === 'media' ? 'mediaId' : 'communityMediaId']: target.id, runAfter })
      .onConflictDoNothing({ target: column });
  },

  // One statement: the inner select locks the row it picks and skips rows another process is locking
  // right now, so two workers never take the same job; the lease then keeps it theirs while they work.
  async claim(now, leaseMs, leaseId) {
    const [row] = await rowsOf(
      db,
      sql`update rendition_jobs set lease_id = ${leaseId}, leased_until = ${ts(new Date(now.getTime() + leaseMs))},
        attempts = attempts + 1
        where id = (select id from rendition_jobs where run_after <= ${ts(now)}
          and (leased_until is null or leased_until <= ${ts(now)})
          order by run_after, id limit 1 for update skip locked)
        returning id, media_id, community_media_id, attempts, lease_id, leased_until`,
    );
    return row ? toRecord(row) : null;
  },

  async extend(id, leaseId, until) {
    const rows = await db
      .update(renditionJobs)
      .set({ leasedUntil: until })
      .where(and(eq(renditionJobs.id, id), eq(renditionJobs.leaseId, leaseId)))
      .returning({ id: renditionJobs.id });
    return rows.length > 0;
  },

  async complete(id, leaseId) {
    const rows = await db
      .delete(renditionJobs)
      .where(and(eq(renditionJobs.id, id), eq(renditionJobs.leaseId, leaseId)))
      .returning({ id: renditionJobs.id });
    return rows.length > 0;
  },

  async retry(id, leaseId, runAfter, error) {
    const rows = await db
      .update(renditionJobs)
      .set({ leaseId: null, leasedUntil: null, runAfter, lastError: error.slice(0, 1000) })
      .where(and(eq(renditionJobs.id, id), eq(renditionJobs.leaseId, leaseId)))
      .returning({ id: renditionJobs.id });
    return rows.length > 0;
  },

  async count() {
    const [row] = await db.select({ n: count() }).from(renditionJobs);
    return row?.n ?? 0;
  },
});
