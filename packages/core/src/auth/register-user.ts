import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TRegisterInput } from '../schemas/auth';
import { hashPassword } from './password';
import { startSession } from './start-session';
import { toUser } from './to-user';

export interface RegisterOptions extends TRegisterInput {
  /** The client's address as the transport sees it: its hashing waits in that address's lane. */
  ip: string;
  /** Labels the new session in the account's session list. */
  userAgent?: string | undefined;
}

export const registerUser = async (deps: CoreDeps, { email, username, password, ip, userAgent }: RegisterOptions) => {
  const taken = (conflict: 'email' | 'username') => (conflict === 'email' ? ERRORS.emailTaken() : ERRORS.usernameTaken());
  // A name that is taken costs no hashing. The unique indexes still decide a race between two registrations.
  const conflict = await deps.db.users.findTaken({ email, username });
  if (conflict) throw taken(conflict);
  const passwordHash = await deps.hashing.run(ip, () => hashPassword(password, deps.config.scryptCost));
  const created = await deps.db.users.create({ email, username, passwordHash });
  if (!created.ok) throw taken(created.conflict);
  const session = await startSession(deps, created.user.id, { userAgent });
  deps.logger.info({ userId: created.user.id }, 'user registered');
  return { user: toUser(created.user), session };
};
