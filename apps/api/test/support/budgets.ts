/**
 * Budgets for test apps and servers: every file's app.request() calls come from one address ("unknown")
 * into one database, so budgets stay on, spent and reported, but far out of reach. rate-limits.test.ts
 * sets its own.
 */
export const GENEROUS_BUDGETS: Record<string, string> = Object.fromEntries(
  ['UPLOADS', 'SHARES', 'TOKENS', 'REGISTRATIONS', 'UNLOCKS', 'REPORTS'].map((name) => [
    `RATE_LIMIT_${name}`,
    'account:1000000/1h,address:1000000/1h',
  ]),
);
