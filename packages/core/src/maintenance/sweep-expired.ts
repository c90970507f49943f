import type { CoreDeps } from '../deps';

export interface ExpiredSweepResult {
  /** Sessions past their idle or absolute deadline (the idle one is never later). */
  sessions: number;
  /** Sign-in budgets whose window has ended: they no longer refuse anything. */
  signInBudgets: number;
  /** Password-reset links past their hour, used or not. */
  resetLinks: number;
  /** Idempotency keys past their 24 hours: a retry that late runs afresh. */
  idempotencyKeys: number;
  /** Quota reservations of uploads whose process died before settling them. */
  storageReservations: number;
}

/** Deletes rows that no longer mean anything, so the tables hold only what is live. */
export const sweepExpired = async (deps: Pick<CoreDeps, 'db' | 'config' | 'now' | 'logger'>): Promise<ExpiredSweepResult> => {
  const now = deps.now();
  const sessions = await deps.db.sessions.deleteExpired(now);
  const signInBudgets = await deps.db.loginThrottle.deleteStale(new Date(now.getTime() - deps.config.loginThrottle.windowMs));
  const resetLinks = await deps.db.passwordResets.deleteExpired(now);
  const idempotencyKeys = await deps.db.idempotencyKeys.deleteExpired(now);
  const storageReservations = await deps.db.storageUsage.deleteExpired(now);
  if (sessions + signInBudgets + resetLinks + idempotencyKeys + storageReservations > 0) {
    deps.logger.info({ sessions, signInBudgets, resetLinks, idempotencyKeys, storageReservations }, 'expired rows swept');
  }
  return { sessions, signInBudgets, resetLinks, idempotencyKeys, storageReservations };
};
