import path from 'node:path';
import { createPasswordReset, isAppError } from '@mediashare/core';
import { openDatabase } from '@mediashare/db';
import { loadEnv } from '../env';
import { createLogger } from '../logger';

// `pnpm user:reset-password <email or username>`: prints a single-use link that sets a new password.
const login = process.argv[2];
if (!login || process.argv.length > 3) {
  process.stderr.write('usage: pnpm user:reset-password <email or username>\n');
  process.exit(2);
}

const env = loadEnv();
// The database alone: no storage or image service is needed to issue a link.
const db = await openDatabase({
  url: env.DATABASE_URL,
  dataDir: path.join(env.DATA_DIR, 'pglite'),
  poolSize: 1,
  prepare: env.DATABASE_PREPARE,
});
try {
  const {
    user,
    path: link,
    expiresAt,
  } = await createPasswordReset({ db, now: () => new Date(), logger: createLogger('warn') }, { login });
  process.stdout.write(
    `Reset link for ${user.username} <${user.email}>, valid once until ${expiresAt.toISOString()}:\n\n  ${env.PUBLIC_URL}${link}\n\n` +
      'Give it to its owner only: whoever opens it can set the password.\n',
  );
} catch (error) {
  if (!isAppError(error)) throw error;
  process.stderr.write(`No account has the email or username "${login}".\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
