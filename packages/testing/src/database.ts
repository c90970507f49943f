import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { testEnv } from './env';

export interface FreshDatabase {
  /** `DATABASE_URL` for a server process: the new database, or empty for the embedded PGlite. */
  env: { DATABASE_URL: string };
  kind: 'postgres' | 'pglite';
  drop(): Promise<void>;
}

/**
 * A database of the caller's own on the PostgreSQL server that DATABASE_URL names, dropped again by
 * `drop()`, so runs never see each other's data. Without DATABASE_URL, servers use the embedded PGlite
 * in their own data folder.
 */
export const freshDatabase = async (prefix = 'mediashare_run'): Promise<FreshDatabase> => {
  const server = testEnv.databaseUrl;
  if (!server) return { env: { DATABASE_URL: '' }, kind: 'pglite', drop: async () => {} };
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    kind: 'postgres',
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
};
