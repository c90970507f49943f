import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TRegisterInput } from '../schemas/auth';
import { hashPassword } from './password';
import { startSession } from './start-session';
import { toUser } from './to-user';

export const registerUser = async (
  deps: CoreDeps,
  { email, username, password }: TRegisterInput,
  { userAgent }: { userAgent?: string | undefined } = {},
) => {
  const passwordHash = await hashPassword(password, deps.config.scryptCost);
  const created = await deps.db.users.create({ email, username, passwordHash });
  if (!created.ok) throw created.conflict === 'email' ? ERRORS.emailTaken() : ERRORS.usernameTaken();
  const session = await startSession(deps, created.user.id, { userAgent });
  deps.logger.info({ userId: created.user.id }, 'user registered');
  return { user: toUser(created.user), session };
};
