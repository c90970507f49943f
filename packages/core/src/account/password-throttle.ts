import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { UserRecord } from '../ports/records';

/**
 * A wrong current password counts toward the sign-in throttle (db.loginThrottle, the rows sign-in
 * counts in), against the account under both its names and against the address: changing the
 * password must not be a way around the limit on guessing it.
 */
const keysOf = (user: UserRecord, ip: string) => ({
  names: [`login:${user.email.toLowerCase()}`, `login:${user.username.toLowerCase()}`],
  ip: `ip:${ip}`,
});

const locked = (until: Date, now: Date) =>
  ERRORS.loginLocked({ retryAfter: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) });

/** Throws the sign-in lock's 429 while the account or the address is locked. */
export const refuseWhileLocked = async ({ db, now }: Pick<CoreDeps, 'db' | 'now'>, user: UserRecord, ip: string) => {
  const { names, ip: ipKey } = keysOf(user, ip);
  const until = await db.loginThrottle.lockedUntil([...names, ipKey], now());
  if (until) throw locked(until, now());
};

/** Counts one wrong password and throws: the lock's 429 if this one locked it, `wrong` otherwise. */
export const countWrongPassword = async (
  { db, config, now, logger }: Pick<CoreDeps, 'db' | 'config' | 'now' | 'logger'>,
  user: UserRecord,
  ip: string,
  wrong: () => Error,
): Promise<never> => {
  const at = now();
  const { windowMs, lockMs, maxFailuresPerLogin, maxFailuresPerIp } = config.loginThrottle;
  const { names, ip: ipKey } = keysOf(user, ip);
  const locks = await Promise.all([
    ...names.map((key) => db.loginThrottle.recordFailure(key, at, { windowMs, lockMs, maxFailures: maxFailuresPerLogin })),
    db.loginThrottle.recordFailure(ipKey, at, { windowMs, lockMs, maxFailures: maxFailuresPerIp }),
  ]);
  const lock = locks.find((until) => until !== null);
  logger.info({ userId: user.id, locked: Boolean(lock) }, 'password check failed');
  throw lock ? locked(lock, at) : wrong();
};
