import type { LoginThrottleRepo } from '@mediashare/core';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { loginThrottle } from '../schema';

const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;

export const loginThrottleRepo = (db: Executor): LoginThrottleRepo => ({
  async lockedUntil(keys, now) {
    const [row] = await db
      .select({ lockedUntil: loginThrottle.lockedUntil })
      .from(loginThrottle)
      .where(and(inArray(loginThrottle.key, keys), gt(loginThrottle.lockedUntil, now)))
      .orderBy(desc(loginThrottle.lockedUntil))
      .limit(1);
    return row?.lockedUntil ?? null;
  },

  // One statement, so processes counting the same key at once never lose a failure.
  async recordFailure(key, now, { windowMs, maxFailures, lockMs }) {
    const windowStart = new Date(now.getTime() - windowMs);
    const lockEnd = new Date(now.getTime() + lockMs);
    const expired = sql`${loginThrottle.windowStartedAt} <= ${ts(windowStart)}`;
    const failures = sql`case when ${expired} then 1 else ${loginThrottle.failures} + 1 end`;
    const [row] = await db
      .insert(loginThrottle)
      .values({ key, failures: 1, windowStartedAt: now, lockedUntil: maxFailures <= 1 ? lockEnd : null })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures,
          windowStartedAt: sql`case when ${expired} then ${ts(now)} else ${loginThrottle.windowStartedAt} end`,
          lockedUntil: sql`case when ${failures} >= ${maxFailures} then ${ts(lockEnd)} else ${loginThrottle.lockedUntil} end`,
        },
      })
      .returning({ lockedUntil: loginThrottle.lockedUntil });
    return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
  },

  async clear(key) {
    await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
  },
});
