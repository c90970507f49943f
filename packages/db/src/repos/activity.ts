import type { ActivityRepo } from '@mediashare/core';
import type { Executor } from '../client';
import { activityLog } from '../schema';

export const activityRepo = (db: Executor): ActivityRepo => ({
  async record(entry) {
    await db.insert(activityLog).values(entry);
  },
});
