import type { PasswordResetRepo } from '@mediashare/core';
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Executor } from '../client';
import { passwordResets } from '../schema';

export const passwordResetRepo = (db: Executor): PasswordResetRepo => ({
  async create(reset) {
    await db.insert(passwordResets).values(reset);
  },

  // One statement: of two requests with the same link, only the first gets a row back.
  async consume(tokenHash, now) {
    const [row] = await db
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId });
    return row?.userId ?? null;
  },

  async deleteForUser(userId) {
    await db.delete(passwordResets).where(eq(passwordResets.userId, userId));
  },

  async deleteExpired(now) {
    const removed = await db
      .delete(passwordResets)
      .where(lte(passwordResets.expiresAt, now))
      .returning({ tokenHash: passwordResets.tokenHash });
    return removed.length;
  },
});
