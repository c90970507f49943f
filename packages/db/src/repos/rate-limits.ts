import type { RateLimitRepo } from '@mediashare/core';
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { rateLimits } from '../schema';

const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;

export const rateLimitRepo = (db: Executor): RateLimitRepo => ({
  // One statement, so processes spending from the same budget at once never count past the limit: the
  // conflict branch re-reads the row under its lock, and a full window updates nothing and returns no row.
  async spend(key, now, { limit, windowMs }) {
    const resetsAt = new Date(now.getTime() + windowMs);
    const ended = sql`${rateLimits.resetsAt} <= ${ts(now)}`;
    const [spent] = await db
      .insert(rateLimits)
      .values({ key, hits: 1, resetsAt })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          hits: sql`case when ${ended} then 1 else ${rateLimits.hits} + 1 end`,
          resetsAt: sql`case when ${ended} then ${ts(resetsAt)} else ${rateLimits.resetsAt} end`,
        },
        setWhere: sql`${ended} or ${rateLimits.hits} < ${limit}`,
      })
      .returning({ hits: rateLimits.hits, resetsAt: rateLimits.resetsAt });
    if (spent) return { allowed: true, ...spent };
    const [full] = await db
      .select({ hits: rateLimits.hits, resetsAt: rateLimits.resetsAt })
      .from(rateLimits)
      .where(eq(rateLimits.key, key));
    // The row was there a moment ago; if the sweep took it since, its window had ended anyway.
    return { allowed: false, hits: full?.hits ?? limit, resetsAt: full?.resetsAt ?? now };
  },

  async giveBack(key, resetsAt) {
    await db
      .update(rateLimits)
      .set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` })
      .where(and(eq(rateLimits.key, key), eq(rateLimits.resetsAt, resetsAt)));
  },

  async deleteExpired(now) {
    const rows = await db.delete(rateLimits).where(lte(rateLimits.resetsAt, now)).returning({ key: rateLimits.key });
    return rows.length;
  },
});
