import type { LoginThrottleRepo } from '@mediashare/core';
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { loginThrottle } from '../schema';

const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;

export const loginThrottleRepo = (db: Executor): LoginThrottleRepo => ({
  // One statement: the row lock of ON CONFLICT serialises every process taking from the same budget, and
  // the update happens only while the window has attempts left, so none can take more than the maximum.
  async reserve(key, now, { windowMs, maxAttempts }) {
    const ended = sql`${loginThrottle.windowStartedAt} <= ${ts(new Date(now.getTime() - windowMs))}`;
    const [row] = await db
      .insert(loginThrottle)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${ended} then 1 else ${loginThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${ended} then ${ts(now)} else ${loginThrottle.windowStartedAt} end`,
        },
        setWhere: sql`${ended} or ${loginThrottle.failures} < ${maxAttempts}`,
      })
      .returning({ windowStartedAt: loginThrottle.windowStartedAt });
    if (row) return { ok: true, windowStartedAt: row.windowStartedAt };
    const [spent] = await db
      .select({ windowStartedAt: loginThrottle.windowStartedAt })
      .from(loginThrottle)
      .where(eq(loginThrottle.key, key));
    const windowEnd = spent ? spent.windowStartedAt.getTime() + windowMs : now.getTime();
    return { ok: false, retryAt: new Date(Math.max(windowEnd, now.getTime() + 1000)) };
  },

  async release(key, windowStartedAt) {
    await db
      .update(loginThrottle)
      .set({ failures: sql`${loginThrottle.failures} - 1` })
      .where(and(eq(loginThrottle.key, key), eq(loginThrottle.windowStartedAt, windowStartedAt), gt(loginThrottle.failures, 0)));
  },

  async deleteStale(olderThan) {
    const removed = await db
      .delete(loginThrottle)
      .where(lte(loginThrottle.windowStartedAt, olderThan))
      .returning({ key: loginThrottle.key });
    return removed.length;
  },
});
