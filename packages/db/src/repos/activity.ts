import type { ActivityRepo } from '@mediashare/core';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { activityLog } from '../schema';

export const activityRepo = (db: Executor): ActivityRepo => ({
  // Part of every share transaction: a template, not the builder (see hot-path.ts).
  async record({ userId, action, feature, details }) {
    await db.execute(
      sql`insert into activity_log (user_id, action, feature, details) values (${userId ?? null}, ${action}, ${feature}, ${JSON.stringify(details)}::jsonb)`,
    );
  },

  async findForUser(userId, afterId, limit) {
    const rows = await db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.userId, userId), gt(activityLog.id, afterId)))
      .orderBy(asc(activityLog.id))
      .limit(limit);
    return rows.map((row) => ({ ...row, userId: row.userId ?? null }));
  },

  async anonymise(userId) {
    await db.update(activityLog).set({ userId: null }).where(eq(activityLog.userId, userId));
  },
});
