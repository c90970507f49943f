import type { StorageUsageRepo } from '@mediashare/core';
import { asc, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { media, storageReservations, twoFactor, users } from '../schema';

/**
 * (Dates go in as text: postgres.js cannot bind a Date inside raw SQL.)
 * Stored bytes and live reservations in one statement, so one snapshot sees both: an upload settling
 * (its row in, its reservation out, in one transaction) is counted once, never zero times or twice.
 */
const usageOf = (userId: number, now: Date) => sql<string>`(
  select coalesce(sum(m.size + m.derived_size), 0) from ${media} m where m.user_id = ${userId}
) + (
  select coalesce(sum(r.bytes), 0) from ${storageReservations} r where r.user_id = ${userId} and r.expires_at > ${now.toISOString()}::timestamptz
)`;

export const storageUsageRepo = (db: Executor): StorageUsageRepo => ({
  async findQuota(userId) {
    const [row] = await db.select({ quotaBytes: users.quotaBytes }).from(users).where(eq(users.id, userId)).limit(1);
    return row?.quotaBytes ?? null;
  },

  async setQuota(userId, quotaBytes) {
    const updated = await db.update(users).set({ quotaBytes }).where(eq(users.id, userId)).returning({ id: users.id });
    return updated.length > 0;
  },

  async usage(userId, now) {
    const [row] = await db
      .select({ usage: usageOf(userId, now) })
      .from(users)
      .where(eq(users.id, userId));
    return Number(row?.usage ?? 0);
  },

  async reserve({ userId, id, bytes, quota, now, expiresAt }) {
    return db.transaction(async (tx) => {
      // The account's row lock: reservations of one account are decided one at a time, on every process.
      // Each later statement (READ COMMITTED) sees what the previous holder committed.
      await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
      if (quota !== null) {
        const [row] = await tx
          .select({ usage: usageOf(userId, now) })
          .from(users)
          .where(eq(users.id, userId));
        const usage = Number(row?.usage ?? 0);
        if (usage + bytes > quota) return { ok: false as const, usage };
      }
      if (id) {
        const [grown] = await tx
          .update(storageReservations)
          .set({ bytes: sql`${storageReservations.bytes} + ${bytes}`, expiresAt })
          .where(eq(storageReservations.id, id))
          .returning({ id: storageReservations.id });
        if (grown) return { ok: true as const, id: grown.id };
      }
      const [created] = await tx
        .insert(storageReservations)
        .values({ userId, bytes, expiresAt })
        .returning({ id: storageReservations.id });
      if (!created) throw new Error('reservation insert returned nothing');
      return { ok: true as const, id: created.id };
    });
  },

  async release(id) {
    await db.delete(storageReservations).where(eq(storageReservations.id, id));
  },

  async deleteExpired(now) {
    const removed = await db
      .delete(storageReservations)
      .where(lte(storageReservations.expiresAt, now))
      .returning({ id: storageReservations.id });
    return removed.length;
  },

  async listUsers(now) {
    const rows = await db
      .select({
        user: users,
        // Qualified by hand: drizzle names columns bare when a query has one table, and `id` would be the
        // subquery's own.
        stored: sql<string>`(select coalesce(sum(m.size + m.derived_size), 0) from ${media} m where m.user_id = "users"."id")`,
        held: sql<string>`(select coalesce(sum(r.bytes), 0) from ${storageReservations} r where r.user_id = "users"."id" and r.expires_at > ${now.toISOString()}::timestamptz)`,
        twoFactor: sql<boolean>`exists (select 1 from ${twoFactor} t where t.user_id = "users"."id" and t.enabled_at is not null)`,
      })
      .from(users)
      .orderBy(asc(users.id));
    return rows.map(({ user, stored, held, twoFactor: on }) => ({
      user,
      quotaBytes: user.quotaBytes,
      usage: Number(stored) + Number(held),
      twoFactor: Boolean(on),
    }));
  },
});
