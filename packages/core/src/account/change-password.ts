import { hashPassword, verifyPassword } from '../auth/password';
import { reserveSignIn } from '../auth/sign-in-budget';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TChangePasswordInput } from '../schemas/account';

export interface ChangePasswordOptions extends TChangePasswordInput {
  userId: number;
  /** The session making the change, which stays signed in; every other one ends. */
  sessionId: string | undefined;
  /** The client's address, for the sign-in budget and the hashing lane. */
  ip: string;
}

/**
 * Checking the current password takes an attempt from the same budgets as signing in (the account's and
 * the address's): changing the password must not be a way around the limit on guessing it. A wrong one
 * keeps the attempt taken; a right one gives it back.
 */
export const changePassword = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now' | 'logger' | 'hashing'>,
  { userId, sessionId, currentPassword, newPassword, ip }: ChangePasswordOptions,
): Promise<void> => {
  const { db, config, logger } = deps;
  const user = await db.users.findById(userId);
  if (!user) throw ERRORS.authRequired();
  const attempt = await reserveSignIn(deps, { accountKey: `user:${user.id}`, ip });
  let ok: boolean;
  try {
    ok = await deps.hashing.run(ip, () => verifyPassword(currentPassword, user.passwordHash));
  } catch (error) {
    await attempt.release();
    throw error;
  }
  if (!ok) {
    logger.info({ userId }, 'password check failed');
    throw ERRORS.currentPasswordIncorrect();
  }
  await attempt.release();
  const passwordHash = await deps.hashing.run(ip, () => hashPassword(newPassword, config.scryptCost));
  const ended = await db.transaction(async (tx) => {
    await tx.users.setPasswordHash(userId, passwordHash);
    return tx.sessions.deleteForUser(userId, sessionId);
  });
  logger.info({ userId, endedSessions: ended }, 'password changed');
};
