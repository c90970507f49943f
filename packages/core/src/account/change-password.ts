import { hashPassword, verifyPassword } from '../auth/password';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TChangePasswordInput } from '../schemas/account';
import { countWrongPassword, refuseWhileLocked } from './password-throttle';

export interface ChangePasswordOptions extends TChangePasswordInput {
  userId: number;
  /** The session making the change, which stays signed in; every other one ends. */
  sessionId: string | undefined;
  /** The client's address, for the sign-in throttle. */
  ip: string;
}

export const changePassword = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now' | 'logger'>,
  { userId, sessionId, currentPassword, newPassword, ip }: ChangePasswordOptions,
): Promise<void> => {
  const { db, config, logger } = deps;
  const user = await db.users.findById(userId);
  if (!user) throw ERRORS.authRequired();
  await refuseWhileLocked(deps, user, ip);
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    await countWrongPassword(deps, user, ip, () => ERRORS.currentPasswordIncorrect());
  }
  const passwordHash = await hashPassword(newPassword, config.scryptCost);
  const ended = await db.transaction(async (tx) => {
    await tx.users.setPasswordHash(userId, passwordHash);
    return tx.sessions.deleteForUser(userId, sessionId);
  });
  logger.info({ userId, endedSessions: ended }, 'password changed');
};
