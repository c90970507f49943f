import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TLoginInput } from '../schemas/auth';
import { burnPasswordCheck, verifyPassword } from './password';
import { startSession } from './start-session';
import { toUser } from './to-user';

const retryAfterSeconds = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

const tooMany = (until: Date, now: Date) => ERRORS.loginLocked({ retryAfter: retryAfterSeconds(until, now) });

export interface LoginOptions extends TLoginInput {
  /** The client's address as the transport sees it, for the per-address failure count. */
  ip: string;
  /** The session the client already had, retired so a fixed session id cannot be reused. */
  previousSessionId?: string | undefined;
  /** For the session list's device label. */
  userAgent?: string | undefined;
}

export const loginUser = async (deps: CoreDeps, { email: login, password, ip, previousSessionId, userAgent }: LoginOptions) => {
  const { db, config } = deps;
  const policy = config.loginThrottle;
  const loginKey = `login:${login.toLowerCase()}`;
  const ipKey = `ip:${ip}`;

  const locked = await db.loginThrottle.lockedUntil([loginKey, ipKey], deps.now());
  if (locked) throw tooMany(locked, deps.now());

  const user = await db.users.findByLogin(login);
  const ok = user
    ? await verifyPassword(password, user.passwordHash)
    : (await burnPasswordCheck(password, config.scryptCost), false);

  if (!user || !ok) {
    const now = deps.now();
    const [loginLock, ipLock] = await Promise.all([
      db.loginThrottle.recordFailure(loginKey, now, {
        windowMs: policy.windowMs,
        lockMs: policy.lockMs,
        maxFailures: policy.maxFailuresPerLogin,
      }),
      db.loginThrottle.recordFailure(ipKey, now, {
        windowMs: policy.windowMs,
        lockMs: policy.lockMs,
        maxFailures: policy.maxFailuresPerIp,
      }),
    ]);
    deps.logger.info({ login: loginKey, locked: Boolean(loginLock ?? ipLock) }, 'sign-in failed');
    const lock = loginLock ?? ipLock;
    if (lock) throw tooMany(lock, now);
    throw ERRORS.invalidLogin();
  }

  await db.loginThrottle.clear(loginKey);
  if (previousSessionId) await db.sessions.delete(previousSessionId);
  const session = await startSession(deps, user.id, { userAgent });
  return { user: toUser(user), session };
};
