import { isIPv6 } from 'node:net';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';

/** An IPv6 client owns at least a /64, so its budget is the prefix's, not one address's. */
export const addressKey = (ip: string): string => {
  if (!isIPv6(ip) || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip)) return `ip:${ip.replace(/^::ffff:/i, '')}`;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `ip6:${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
};

export interface SignInAttempt {
  /** Gives the attempt back to both budgets: the password was right, or it was never checked. */
  release(): Promise<void>;
}

/**
 * Takes one attempt from the account's budget and from the address's, or refuses with 429 and takes
 * none. Nothing may check a password without an attempt: that is what bounds guesses, however many
 * requests arrive at once and on however many processes.
 */
export const reserveSignIn = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now'>,
  { accountKey, ip }: { accountKey: string; ip: string },
): Promise<SignInAttempt> => {
  const { windowMs, maxFailuresPerLogin, maxFailuresPerIp } = deps.config.loginThrottle;
  const throttle = deps.db.loginThrottle;
  const now = deps.now();
  const refuse = (retryAt: Date) =>
    ERRORS.loginLocked({ retryAfter: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)) });

  const account = await throttle.reserve(accountKey, now, { windowMs, maxAttempts: maxFailuresPerLogin });
  if (!account.ok) throw refuse(account.retryAt);
  const ipKey = addressKey(ip);
  const address = await throttle
    .reserve(ipKey, now, { windowMs, maxAttempts: maxFailuresPerIp })
    .catch(async (error: unknown) => {
      await throttle.release(accountKey, account.windowStartedAt);
      throw error;
    });
  if (!address.ok) {
    await throttle.release(accountKey, account.windowStartedAt);
    throw refuse(address.retryAt);
  }
  return {
    release: async () => {
      await Promise.all([
        throttle.release(accountKey, account.windowStartedAt),
        throttle.release(ipKey, address.windowStartedAt),
      ]);
    },
  };
};
