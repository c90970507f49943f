import type { IdempotencyKeyRepo } from '@mediashare/core';
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { idempotencyKeys } from '../schema';

const byKey = (userId: number, keyHash: string) => and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.keyHash, keyHash));

export const idempotencyKeyRepo = (db: Executor): IdempotencyKeyRepo => ({
  // One statement: of two requests with the same key, in any processes, exactly one takes it.
  async acquire({ userId, keyHash, lockedUntil, expiresAt }, now) {
    const rows = await db
      .insert(idempotencyKeys)
      .values({ userId, keyHash, lockedUntil, expiresAt })
      .onConflictDoUpdate({
        target: [idempotencyKeys.userId, idempotencyKeys.keyHash],
        set: { lockedUntil, expiresAt, fingerprint: null, responseStatus: null, responseBody: null, createdAt: now },
        setWhere: sql`${idempotencyKeys.expiresAt} <= ${now.toISOString()}::timestamptz or (${idempotencyKeys.responseStatus} is null and ${idempotencyKeys.lockedUntil} <= ${now.toISOString()}::timestamptz)`,
      })
      .returning({ userId: idempotencyKeys.userId });
    return rows.length > 0;
  },

  async find(userId, keyHash) {
    const [row] = await db
      .select({
        fingerprint: idempotencyKeys.fingerprint,
        responseStatus: idempotencyKeys.responseStatus,
        responseBody: idempotencyKeys.responseBody,
        lockedUntil: idempotencyKeys.lockedUntil,
        expiresAt: idempotencyKeys.expiresAt,
      })
      .from(idempotencyKeys)
      .where(byKey(userId, keyHash));
    return row ?? null;
  },

  async extend(userId, keyHash, lockedUntil) {
    await db
      .update(idempotencyKeys)
      .set({ lockedUntil })
      .where(and(byKey(userId, keyHash), isNull(idempotencyKeys.responseStatus)));
  },

  async complete(userId, keyHash, answer) {
    await db.update(idempotencyKeys).set(answer).where(byKey(userId, keyHash));
  },

  async release(userId, keyHash) {
    await db.delete(idempotencyKeys).where(and(byKey(userId, keyHash), isNull(idempotencyKeys.responseStatus)));
  },

  async deleteExpired(now) {
    const rows = await db
      .delete(idempotencyKeys)
      .where(lte(idempotencyKeys.expiresAt, now))
      .returning({ userId: idempotencyKeys.userId });
    return rows.length;
  },
});
