import path from 'node:path';
import { openDatabase } from '@mediashare/db';
import type { Env } from '../env';

/**
 * The database alone, as the account commands use it (user:create, user:reset-password, admin:grant): one
 * connection, no storage or image service. On the embedded default the server must be stopped first.
 */
export const openCliDatabase = (env: Env) =>
  openDatabase({
    url: env.DATABASE_URL,
    dataDir: path.join(env.DATA_DIR, 'pglite'),
    poolSize: 1,
    prepare: env.DATABASE_PREPARE,
  });
