import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase } from '../src';

/**
 * The drivers a test should run on: PGlite always, PostgreSQL when DATABASE_URL names a server (each
 * test gets a database of its own there, dropped afterwards).
 */
export const DRIVERS = process.env.DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

export const openFresh = async (driver: 'pglite' | 'postgres') => {
  if (driver === 'pglite') return { db: await openDatabase({ dataDir: 'memory://' }), url: undefined, drop: async () => {} };
  const server = process.env.DATABASE_URL ?? '';
  const name = `mediashare_db_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 4 });
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close().catch(() => {});
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
};
