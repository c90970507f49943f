/** Where a caller stands in the tightest budget a request spent from. */
export interface BudgetState {
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the budget is whole again. */
  resetSeconds: number;
  windowSeconds: number;
}

/**
 * The IETF draft's RateLimit-* fields (draft-ietf-httpapi-ratelimit-headers-06: separate Limit, Remaining
 * and Reset, the last in seconds, plus RateLimit-Policy `<limit>;w=<window seconds>`). The catalog's
 * rateLimited error sends the same fields with Remaining 0 (catalog.test.ts holds the two together).
 */
export const budgetHeaders = ({ limit, remaining, resetSeconds, windowSeconds }: BudgetState): Record<string, string> => ({
  'RateLimit-Limit': String(limit),
  'RateLimit-Remaining': String(remaining),
  'RateLimit-Reset': String(resetSeconds),
  'RateLimit-Policy': `${limit};w=${windowSeconds}`,
});
