import { defineConfig } from 'vitest/config';

// The integration suite runs on PostgreSQL when DATABASE_URL names a server, and on PGlite (the embedded
// default) always. CI sets DATABASE_URL; there a missing server is a failure, never a silent skip.
const hasPostgres = Boolean(process.env.DATABASE_URL);
if (process.env.CI && !hasPostgres) throw new Error('CI must run the integration suite on PostgreSQL: set DATABASE_URL');

const integration = (name: string, setup: string, options: { include?: string[]; env?: Record<string, string> } = {}) => ({
  extends: true as const,
  test: {
    name,
    include: options.include ?? ['test/**/*.test.ts'],
    globalSetup: [setup],
    testTimeout: 60_000,
    // A harness starts an image service and migrates a database: over a minute on a loaded two-core machine.
    hookTimeout: 180_000,
    env: options.env ?? {},
  },
});

// The vault and sharing suites once more with the Supabase driver against the Storage API stand-in.
const SUPABASE_SUITES = [
  'test/media.test.ts',
  'test/share-*.test.ts',
  'test/authorization.test.ts',
  'test/community.test.ts',
  'test/community-remove.test.ts',
  'test/outages.test.ts',
  'test/unpublish-retry.test.ts',
  'test/quarantine.test.ts',
  'test/moderation.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      ...(hasPostgres ? [integration('postgres', './test/support/global-setup-postgres.ts')] : []),
      ...(process.env.TEST_DB === 'postgres' ? [] : [integration('pglite', './test/support/global-setup-pglite.ts')]),
      integration('supabase', hasPostgres ? './test/support/global-setup-postgres.ts' : './test/support/global-setup-pglite.ts', {
        include: SUPABASE_SUITES,
        env: { TEST_STORAGE: 'supabase' },
      }),
    ],
  },
});
