/** The benchmark's one setting: the PostgreSQL server its rows that need one run on. */
export const DATABASE_URL = process.env.DATABASE_URL || undefined;

/**
 * Budgets for the benchmark's servers: spent and reported on every request, as in production, but far
 * out of reach, so throughput rows measure the server and not its limits.
 */
export const BENCH_BUDGETS: Record<string, string> = Object.fromEntries(
  ['UPLOADS', 'SHARES', 'TOKENS', 'REGISTRATIONS', 'UNLOCKS', 'REPORTS'].map((name) => [
    `RATE_LIMIT_${name}`,
    'account:100000000/1h,address:100000000/1h',
  ]),
);
