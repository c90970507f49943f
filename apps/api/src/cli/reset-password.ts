import { createPasswordReset, isAppError } from '@mediashare/core';
import { loadEnv } from '../env';
import { openCliDatabase } from './cli-database';
import { createLogger } from '../logger';

// `pnpm user:reset-password <email or username>`: prints a single-use link that sets a new password.
const login = process.argv[2];
if (!login || process.argv.length > 3) {
  process.stderr.write('usage: pnpm user:reset-password <email or username>\n');
  process.exit(2);
}

const env = loadEnv();
const db = await openCliDatabase(env);
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
