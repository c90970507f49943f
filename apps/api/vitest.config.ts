import { defineConfig } from 'vitest/config';

// The integration suite runs on PostgreSQL when DATABASE_URL names a server, and on PGlite (the embedded
// default) always. CI sets DATABASE_URL; there a missing server is a failure, never a silent skip.
const hasPostgres = Boolean(process.env.DATABASE_URL);
if (process.env.CI && !hasPostgres) throw new Error('CI must run the integration suite on PostgreSQL: set DATABASE_URL');

const integration = (name: string, setup: string) => ({
  extends: true as const,
  test: {
    name,
    include: ['test/**/*.test.ts'],
    globalSetup: [setup],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      ...(hasPostgres ? [integration('postgres', './test/support/global-setup-postgres.ts')] : []),
      ...(process.env.TEST_DB === 'postgres' ? [] : [integration('pglite', './test/support/global-setup-pglite.ts')]),
    ],
  },
});
