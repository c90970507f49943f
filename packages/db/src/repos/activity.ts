import type { ActivityRepo } from '@mediashare/core';
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export const activityRepo = (db: Executor): ActivityRepo => ({
  // Part of every share transaction: a template, not the builder (see hot-path.ts).
  async record({ userId, action, feature, details }) {
    await db.execute(
      sql`insert into activity_log (user_id, action, feature, details) values (${userId ?? null}, ${action}, ${feature}, ${JSON.stringify(details)}::jsonb)`,
    );
  },
});
