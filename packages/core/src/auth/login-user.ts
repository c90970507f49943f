import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TLoginInput } from '../schemas/auth';
import { burnPasswordCheck, verifyPassword } from './password';
import { reserveSignIn } from './sign-in-budget';
import { startSession } from './start-session';
import { toUser } from './to-user';
import { verifySecondFactor } from '../two-factor/verify-second-factor';

export interface LoginOptions extends TLoginInput {
  /** The client's address as the transport sees it, for the per-address budget. */
  ip: string;
  /** The session the client already had, retired so a fixed session id cannot be reused. */
  previousSessionId?: string | undefined;
  /** For the session list's device label. */
  userAgent?: string | undefined;
}

export const loginUser = async (
  deps: CoreDeps,
  { email: login, password, totp, ip, previousSessionId, userAgent }: LoginOptions,
) => {
  const { db, config } = deps;
  const user = await db.users.findByLogin(login);
  // One budget per account, whichever of its names is typed; a name that matches nobody has its own.
  const accountKey = user ? `user:${user.id}` : `login:${login.toLowerCase()}`;
  const attempt = await reserveSignIn(deps, { accountKey, ip });

  let ok: boolean;
  try {
    ok = await deps.hashing.run(ip, async () =>
      user ? verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password, config.scryptCost), false),
    );
  } catch (error) {
    await attempt.release();
    throw error;
  }
  if (!user || !ok) {
    // The attempt stays taken: it is the failure the budget counts.
    deps.logger.info({ account: accountKey }, 'sign-in failed');
    throw ERRORS.invalidLogin();
  }

  // Two-factor sign-in: the right password alone is not enough. Asking for the code costs nothing (the
  // attempt is given back, as for any right password); a wrong or replayed code keeps it taken, so codes
  // are guessed within the same budget as passwords.
  const secondFactor = await db.twoFactor.find(user.id);
  if (secondFactor?.enabledAt) {
    if (!totp) {
      await attempt.release();
      throw ERRORS.twoFactorRequired();
    }
    const used = await verifySecondFactor(deps, secondFactor, totp);
    if (!used) {
      deps.logger.info({ account: accountKey }, 'two-factor code refused');
      throw ERRORS.twoFactorCodeInvalid();
    }
    if (used === 'recovery') deps.logger.info({ userId: user.id }, 'signed in with a recovery code');
  }

  await attempt.release();
  if (previousSessionId) await db.sessions.delete(previousSessionId);
  const session = await startSession(deps, user.id, { userAgent });
  return { user: toUser(user), session };
};
