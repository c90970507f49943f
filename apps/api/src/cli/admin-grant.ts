import { grantAdmin, isAppError } from '@mediashare/core';
import { loadEnv } from '../env';
import { openCliDatabase } from './cli-database';
import { createLogger } from '../logger';

// `pnpm admin:grant <email>`: the only way to make an admin (moderation, /admin).
const email = process.argv[2];
if (!email || process.argv.length > 3) {
  process.stderr.write('usage: pnpm admin:grant <email>\n');
  process.exit(2);
}

const env = loadEnv();
const db = await openCliDatabase(env);
try {
  const { user, wasAdmin } = await grantAdmin({ db, logger: createLogger('warn') }, { email });
  process.stdout.write(
    wasAdmin
      ? `${user.username} <${user.email}> is an admin already.\n`
      : `${user.username} <${user.email}> is now an admin: /admin is theirs on their next request.\n`,
  );
} catch (error) {
  if (!isAppError(error)) throw error;
  process.stderr.write(`No account has the email "${email}".\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
