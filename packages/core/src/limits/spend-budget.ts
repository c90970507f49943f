import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { BudgetState } from './budget-headers';
import type { TBudget, TBudgetScope } from './budgets';

export interface SpendOptions {
  budget: TBudget;
  /** The signed-in caller, counted in the account scope; anonymous callers have only an address. */
  userId?: number | null | undefined;
  /** The client's address as the transport sees it (see addressKey). */
  address: string;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Spends one request from a budget in every scope it is counted in, or refuses with 429 and spends
 * nothing: the scopes are taken in one transaction, always account before address so that two requests
 * never wait on each other's rows in opposite orders. Returns the tightest scope's state for the
 * RateLimit-* headers, or null when nothing is counted (limits off, or no scope applies).
 */
export const spendBudget = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now'>,
  { budget, userId, address }: SpendOptions,
): Promise<BudgetState | null> => {
  const { enabled, budgets } = deps.config.rateLimits;
  const policy = budgets[budget];
  const ids: Record<TBudgetScope, string | null> = { account: userId == null ? null : String(userId), address };
  const scopes = (['account', 'address'] as const).flatMap((scope) => {
    const limit = policy[scope];
    const id = ids[scope];
    return enabled && limit && id !== null ? [{ scope, key: `${budget}:${scope}:${id}`, ...limit }] : [];
  });
  if (scopes.length === 0) return null;

  const now = deps.now();
  const states = await deps.db.transaction(async (tx) => {
    const spent: BudgetState[] = [];
    for (const { scope, key, limit, windowMs } of scopes) {
      const { allowed, hits, resetsAt } = await tx.rateLimits.spend(key, now, { limit, windowMs });
      const resetSeconds = seconds(resetsAt.getTime() - now.getTime());
      const windowSeconds = seconds(windowMs);
      // Thrown inside the transaction, so a scope already spent is given back.
      if (!allowed) throw ERRORS.rateLimited({ budget, scope, limit, windowSeconds, retryAfter: resetSeconds });
      spent.push({ limit, remaining: Math.max(0, limit - hits), resetSeconds, windowSeconds });
    }
    return spent;
  });
  return states.reduce((tightest, state) =>
    state.remaining < tightest.remaining || (state.remaining === tightest.remaining && state.resetSeconds > tightest.resetSeconds)
      ? state
      : tightest,
  );
};
