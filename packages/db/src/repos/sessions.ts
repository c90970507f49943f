import type { SessionRepo } from '@mediashare/core';
import { and, eq, gt, lte } from 'drizzle-orm';
import type { Executor } from '../client';
import { sessions, users } from '../schema';

export const sessionRepo = (db: Executor): SessionRepo => ({
  async create(session) {
    await db.insert(sessions).values(session);
  },

  async findActive(id, now) {
    const [row] = await db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now)))
      .limit(1);
    return row ?? null;
  },

  async touch(id, lastSeenAt, expiresAt) {
    await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id));
  },

  async delete(id) {
    await db.delete(sessions).where(eq(sessions.id, id));
  },

  async deleteExpired(now) {
    const removed = await db.delete(sessions).where(lte(sessions.expiresAt, now)).returning({ id: sessions.id });
    return removed.length;
  },
});
