/** What these helpers read from the environment of the test or benchmark that uses them. */
export const testEnv = {
  databaseUrl: process.env.DATABASE_URL || undefined,
  path: process.env.PATH,
  /** The environment for child builds, without the test runner's NODE_ENV=test (Vite would bundle React's development build). */
  buildEnv: () => {
    const { NODE_ENV: _testEnv, ...env } = process.env;
    return env;
  },
};
