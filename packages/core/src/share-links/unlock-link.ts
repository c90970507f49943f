import { verifyPassword } from '../auth/password';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { findShared } from './find-shared';
import { isExpired, linkStateOf, unlockTokenFor } from './link-access';

/** Wrong passwords one link takes in a window, from anyone, before it refuses to check more. */
export const UNLOCK_FAILURES = { limit: 10, windowMs: 15 * 60_000 } as const;

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * `POST /api/shared/media/:code/unlock`: checks a link's password and answers the token of its unlock
 * cookie (null for a link without a password, which needs none). Each attempt takes one of the link's
 * failures before the password is checked, in the database every process shares, and a right password
 * gives it back: parallel guesses can never check more than the limit. The per-address budget
 * (`unlocks`) is the transport's.
 */
export const unlockLink = async (
  deps: Pick<CoreDeps, 'db' | 'now' | 'hashing'>,
  { shareCode, password, address }: { shareCode: string; password: string; address: string },
): Promise<{ token: string | null }> => {
  const media = await findShared(deps, shareCode);
  const link = linkStateOf(await deps.db.shareLinks.find(shareCode));
  const now = deps.now();
  if (isExpired(link, now)) throw ERRORS.linkExpired();
  if (link.passwordHash === null) return { token: null };
  const key = `link-unlock:${media.id}:${shareCode}`;
  const spent = await deps.db.rateLimits.spend(key, now, UNLOCK_FAILURES);
  if (!spent.allowed) throw ERRORS.linkUnlockLocked({ retryAfter: seconds(spent.resetsAt.getTime() - now.getTime()) });
  const hash = link.passwordHash;
  if (!(await deps.hashing.run(address, () => verifyPassword(password, hash)))) throw ERRORS.linkWrongPassword();
  await deps.db.rateLimits.giveBack(key, spent.resetsAt);
  return { token: unlockTokenFor(shareCode, hash) };
};
