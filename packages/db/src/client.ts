import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
/** Either driver's database, or a transaction of it: the repositories work on all of them. */
export type Executor = PgDatabase<PgQueryResultHKT, Schema>;

/** Resolved through the package name so it holds from source, tests and a bundled server alike. */
export const migrationsFolder = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@mediashare/db/package.json')),
  'migrations',
);

/** Any fixed number: it namespaces this product's advisory locks (the two-integer form). */
export const LOCK_NAMESPACE = 0x6d73; // "ms"
const MIGRATION_LOCK = 1;

export interface Connection {
  kind: 'postgres' | 'pglite';
  db: Executor;
  /** Holds a session-level advisory lock on a connection of its own while `fn` runs, if it is free. */
  tryExclusive<T>(key: number, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** postgres:// URL; without it, PGlite under `dataDir` (or in memory when dataDir is `memory://`). */
  url?: string | undefined;
  dataDir?: string | undefined;
  poolSize?: number;
}

const connectPostgres = (url: string, poolSize: number): Connection => {
  const client = postgres(url, { max: poolSize, onnotice: () => {}, connect_timeout: 10 });
  const drizzled = drizzlePostgres({ client, schema });
  const db = drizzled as unknown as Executor;

  const tryExclusive: Connection['tryExclusive'] = async (key, fn) => {
    const reserved = await client.reserve();
    try {
      const [row] = await reserved<{ locked: boolean }[]>`select pg_try_advisory_lock(${LOCK_NAMESPACE}, ${key}) as locked`;
      if (!row?.locked) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await reserved`select pg_advisory_unlock(${LOCK_NAMESPACE}, ${key})`;
      }
    } finally {
      reserved.release();
    }
  };

  return {
    kind: 'postgres',
    db,
    tryExclusive,
    // Several processes may start at once: the first migrates, the others wait on the lock and find it done.
    migrate: async () => {
      const reserved = await client.reserve();
      try {
        await reserved`select pg_advisory_lock(${LOCK_NAMESPACE}, ${MIGRATION_LOCK})`;
        try {
          // The lock lives on the reserved connection; the migration itself runs on the pool.
          await migratePostgres(drizzled, { migrationsFolder });
        } finally {
          await reserved`select pg_advisory_unlock(${LOCK_NAMESPACE}, ${MIGRATION_LOCK})`;
        }
      } finally {
        reserved.release();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
};

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite keeps its files in one process's memory: a second process opening the same folder would
 * corrupt it. A pid file refuses that with a clear message (a stale one from a dead process is taken over).
 */
const lockDataDir = async (dataDir: string) => {
  const lockFile = path.join(dataDir, 'mediashare.pid');
  for (;;) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: 'wx' });
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(lockFile, 'utf8').catch(() => ''));
      if (holder && holder !== process.pid && isRunning(holder)) {
        throw new Error(`The embedded database in ${dataDir} is in use by process ${holder}. Stop it first, or set DATABASE_URL.`);
      }
      await rm(lockFile, { force: true });
    }
  }
};

const connectPglite = async (dataDir: string): Promise<Connection> => {
  let unlock = async () => {};
  if (dataDir !== 'memory://') {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  const client = new PGlite(dataDir);
  const db = drizzlePglite({ client, schema }) as unknown as Executor;
  // PGlite is one connection in one process: an in-process queue stands in for the advisory lock.
  const running = new Set<number>();
  return {
    kind: 'pglite',
    db,
    tryExclusive: async (key, fn) => {
      if (running.has(key)) return { ran: false };
      running.add(key);
      try {
        return { ran: true, value: await fn() };
      } finally {
        running.delete(key);
      }
    },
    migrate: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder }),
    close: async () => {
      await client.close();
      await unlock();
    },
  };
};

export const connect = async ({ url, dataDir, poolSize = 10 }: ConnectOptions): Promise<Connection> =>
  url ? connectPostgres(url, poolSize) : connectPglite(dataDir ?? 'memory://');
