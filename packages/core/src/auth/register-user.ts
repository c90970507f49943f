import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { hashInviteCode } from '../instance/invite-code';
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

export const registerUser = async (deps: CoreDeps, { email, username, password, inviteCode, ip, userAgent }: RegisterOptions) => {
  const { registration } = deps.config;
  if (registration === 'closed') throw ERRORS.registrationClosed();
  // Only the invite mode reads a code; elsewhere one sent along is ignored rather than spent.
  const inviteHash = registration === 'invite' ? hashInviteCode(inviteCode ?? '') : null;
  if (inviteHash && !(inviteCode && (await deps.db.invites.isUsable(inviteHash, deps.now())))) throw ERRORS.inviteInvalid();

  const taken = (conflict: 'email' | 'username') => (conflict === 'email' ? ERRORS.emailTaken() : ERRORS.usernameTaken());
  // A name that is taken costs no hashing. The unique indexes still decide a race between two registrations.
  const conflict = await deps.db.users.findTaken({ email, username });
  if (conflict) throw taken(conflict);
  const passwordHash = await deps.hashing.run(ip, () => hashPassword(password, deps.config.scryptCost));
  // The invite's use and the account land together: a registration that loses on its name gives the use
  // back, and of parallel registrations no more get in than the invite has uses (the check above is early
  // refusal only; the consume decides).
  const user = await deps.db.transaction(async (tx) => {
    if (inviteHash && (await tx.invites.consume(inviteHash, deps.now())) === null) throw ERRORS.inviteInvalid();
    const created = await tx.users.create({ email, username, passwordHash });
    if (!created.ok) throw taken(created.conflict);
    return created.user;
  });
  const session = await startSession(deps, user.id, { userAgent });
  deps.logger.info({ userId: user.id, invited: Boolean(inviteHash) }, 'user registered');
  return { user: toUser(user), session };
};
