import path from 'node:path';
import { grantAdmin, isAppError } from '@mediashare/core';
import { openDatabase } from '@mediashare/db';
import { loadEnv } from '../env';
import { createLogger } from '../logger';

// `pnpm admin:grant <email>`: the only way to make an admin (moderation, /admin).
const email = process.argv[2];
if (!email || process.argv.length > 3) {
  process.stderr.write('usage: pnpm admin:grant <email>\n');
  process.exit(2);
}

const env = loadEnv();
const db = await openDatabase({
  url: env.DATABASE_URL,
  dataDir: path.join(env.DATA_DIR, 'pglite'),
  poolSize: 1,
  prepare: env.DATABASE_PREPARE,
});
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
