import { createSessionToken } from '../auth/session-token';
import { toUser } from '../auth/to-user';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { UserRecord } from '../ports/records';
import { PAGES } from '../schemas/pages';

/** How long a reset link works. */
export const RESET_LINK_TTL_MS = 3_600_000;

/** A new single-use link for the user: 256 random bits, of which only the SHA-256 is stored. */
export const issueResetLink = async ({ db, now, logger }: Pick<CoreDeps, 'db' | 'now' | 'logger'>, user: UserRecord) => {
  const { token, id } = createSessionToken();
  const createdAt = now();
  const expiresAt = new Date(createdAt.getTime() + RESET_LINK_TTL_MS);
  await db.passwordResets.create({ tokenHash: id, userId: user.id, createdAt, expiresAt });
  logger.info({ userId: user.id }, 'password reset link issued');
  return { path: PAGES.resetPassword.replace(':token', token), expiresAt };
};

/** For the operator's command: a reset link for the account with this email or username. */
export const createPasswordReset = async (deps: Pick<CoreDeps, 'db' | 'now' | 'logger'>, { login }: { login: string }) => {
  const user = await deps.db.users.findByLogin(login.trim());
  if (!user) throw ERRORS.userNotFound();
  return { user: toUser(user), ...(await issueResetLink(deps, user)) };
};
