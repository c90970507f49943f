import { issueResetLink } from '../account/create-password-reset';
import { toUser } from '../auth/to-user';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { ZEmail, ZUsername } from '../schemas/auth';

/** Matches no password: verifyPassword accepts only `scrypt$...` hashes. The owner sets one by the link. */
const NO_PASSWORD_YET = '!unset';

/**
 * For the operator's command (`pnpm user:create`), whatever REGISTRATION says: an account with no
 * password yet, and a single-use link through the password reset page where its owner sets one.
 */
export const createUserAccount = async (
  deps: Pick<CoreDeps, 'db' | 'now' | 'logger'>,
  input: { email: string; username: string },
) => {
  const email = ZEmail.safeParse(input.email);
  if (!email.success)
    throw ERRORS.invalidInput({ detail: `Invalid email: ${email.error.issues[0]?.message ?? 'not an email address'}` });
  const username = ZUsername.safeParse(input.username);
  if (!username.success)
    throw ERRORS.invalidInput({ detail: `Invalid username: ${username.error.issues[0]?.message ?? 'not a username'}` });
  const created = await deps.db.users.create({ email: email.data, username: username.data, passwordHash: NO_PASSWORD_YET });
  if (!created.ok) throw created.conflict === 'email' ? ERRORS.emailTaken() : ERRORS.usernameTaken();
  deps.logger.info({ userId: created.user.id }, 'user created by the operator');
  return { user: toUser(created.user), ...(await issueResetLink(deps, created.user)) };
};
