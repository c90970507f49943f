import { hashPassword } from '../auth/password';
import { hashSessionToken, isWellFormedToken } from '../auth/session-token';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TResetPasswordInput } from '../schemas/account';

/**
 * Sets a new password through a reset link and signs the account out everywhere. The link is spent in
 * the same transaction that sets the password, so of two uses only one can succeed, and a failure
 * leaves the link as it was. The account's other links are retired with it.
 */
export const resetPassword = async (
  { db, config, now, logger }: Pick<CoreDeps, 'db' | 'config' | 'now' | 'logger'>,
  { token, newPassword }: TResetPasswordInput,
): Promise<void> => {
  if (!isWellFormedToken(token)) throw ERRORS.resetLinkInvalid();
  const passwordHash = await hashPassword(newPassword, config.scryptCost);
  const userId = await db.transaction(async (tx) => {
    const owner = await tx.passwordResets.consume(hashSessionToken(token), now());
    if (owner === null) return null;
    await tx.users.setPasswordHash(owner, passwordHash);
    await tx.passwordResets.deleteForUser(owner);
    await tx.sessions.deleteForUser(owner);
    return owner;
  });
  if (userId === null) throw ERRORS.resetLinkInvalid();
  logger.info({ userId }, 'password reset through a link');
};
