import { createUserAccount, isAppError } from '@mediashare/core';
import { loadEnv } from '../env';
import { openCliDatabase } from './cli-database';
import { createLogger } from '../logger';

// `pnpm user:create <email> <username>`: an account without a password, and a single-use link through the
// password reset page where its owner sets one. Works whatever REGISTRATION says (with `closed`, the only way).
const [email, username, ...rest] = process.argv.slice(2);
if (!email || !username || rest.length > 0) {
  process.stderr.write('usage: pnpm user:create <email> <username>\n');
  process.exit(2);
}

const env = loadEnv();
const db = await openCliDatabase(env);
try {
  const {
    user,
    path: link,
    expiresAt,
  } = await createUserAccount({ db, now: () => new Date(), logger: createLogger('warn') }, { email, username });
  process.stdout.write(
    `Created ${user.username} <${user.email}>. Set-password link, valid once until ${expiresAt.toISOString()}:\n\n  ${env.PUBLIC_URL}${link}\n\n` +
      'Give it to its owner only: whoever opens it sets the password.\n',
  );
} catch (error) {
  if (!isAppError(error)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
