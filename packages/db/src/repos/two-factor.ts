import type { TwoFactorRepo } from '@mediashare/core';
import { and, count, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../client';
import { recoveryCodes, twoFactor } from '../schema';

export const twoFactorRepo = (db: Executor): TwoFactorRepo => ({
  async find(userId) {
    const [row] = await db
      .select({
        userId: twoFactor.userId,
        secret: twoFactor.secret,
        enabledAt: twoFactor.enabledAt,
        lastStep: twoFactor.lastStep,
      })
      .from(twoFactor)
      .where(eq(twoFactor.userId, userId))
      .limit(1);
    return row ?? null;
  },

  // An enabled secret is never replaced here: turning it off needs the password and a code.
  async setPending(userId, secret) {
    const [row] = await db
      .insert(twoFactor)
      .values({ userId, secret })
      .onConflictDoUpdate({ target: twoFactor.userId, set: { secret, lastStep: null }, setWhere: isNull(twoFactor.enabledAt) })
      .returning({ userId: twoFactor.userId });
    return Boolean(row);
  },

  async enable(userId, step, at, recoveryHashes) {
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(twoFactor)
        .set({ enabledAt: at, lastStep: step })
        .where(and(eq(twoFactor.userId, userId), isNull(twoFactor.enabledAt)))
        .returning({ userId: twoFactor.userId });
      if (!row) return false;
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      await tx.insert(recoveryCodes).values(recoveryHashes.map((codeHash) => ({ userId, codeHash })));
      return true;
    });
  },

  async acceptStep(userId, step) {
    const [row] = await db
      .update(twoFactor)
      .set({ lastStep: step })
      .where(
        and(
          eq(twoFactor.userId, userId),
          isNotNull(twoFactor.enabledAt),
          or(isNull(twoFactor.lastStep), lt(twoFactor.lastStep, step)),
        ),
      )
      .returning({ userId: twoFactor.userId });
    return Boolean(row);
  },

  async useRecoveryCode(userId, codeHash, at) {
    const [row] = await db
      .update(recoveryCodes)
      .set({ usedAt: at })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
      .returning({ userId: recoveryCodes.userId });
    return Boolean(row);
  },

  async countRecoveryCodes(userId) {
    const [row] = await db
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    return Number(row?.n ?? 0);
  },

  async disable(userId) {
    await db.transaction(async (tx) => {
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      await tx.delete(twoFactor).where(eq(twoFactor.userId, userId));
    });
  },
});
