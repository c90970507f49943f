import type { PendingDeleteRepo } from '@mediashare/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { rowsOf } from '../hot-path';
import { pendingDeletes } from '../schema';

export const pendingDeleteRepo = (db: Executor): PendingDeleteRepo => ({
  async add(bucket, path, dueAt) {
    await db
      .insert(pendingDeletes)
      .values({ bucket, path, nextAttemptAt: dueAt })
      .onConflictDoUpdate({ target: [pendingDeletes.bucket, pendingDeletes.path], set: { nextAttemptAt: dueAt } });
  },

  // SKIP LOCKED: processes running the worker at once take different records instead of waiting.
  async claimDue(now, leaseUntil, limit) {
    const rows = await rowsOf(
      db,
      sql`
      update ${pendingDeletes} set next_attempt_at = ${leaseUntil.toISOString()}::timestamptz, attempts = attempts + 1
      where (bucket, path) in (
        select bucket, path from ${pendingDeletes}
        where next_attempt_at <= ${now.toISOString()}::timestamptz
        order by next_attempt_at
        limit ${limit}
        for update skip locked
      )
      returning bucket, path, attempts`,
    );
    return rows.map((row) => ({ bucket: String(row.bucket), path: String(row.path), attempts: Number(row.attempts) }));
  },

  async remove(bucket, path) {
    await db.delete(pendingDeletes).where(and(eq(pendingDeletes.bucket, bucket), eq(pendingDeletes.path, path)));
  },

  async retryAt(bucket, path, nextAttemptAt, error) {
    await db
      .update(pendingDeletes)
      .set({ nextAttemptAt, lastError: error.slice(0, 1000) })
      .where(and(eq(pendingDeletes.bucket, bucket), eq(pendingDeletes.path, path)));
  },

  async nextDueAt() {
    const [row] = await db
      .select({ at: pendingDeletes.nextAttemptAt })
      .from(pendingDeletes)
      .orderBy(asc(pendingDeletes.nextAttemptAt))
      .limit(1);
    return row?.at ?? null;
  },
});
