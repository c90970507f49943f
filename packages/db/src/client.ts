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
import { dumpEmbedded, type EmbeddedDump } from './embedded-dump';
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
  tryExclusive<T>(key: number, fn: () => Promise<T>): Promise<Outcome<T>>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data directory as it is between two transactions, for a backup of the running server. */
  dump?(): Promise<EmbeddedDump>;
}

export interface ConnectOptions {
  /** postgres:// URL; without it, PGlite under `dataDir` (or in memory when dataDir is `memory://`). */
  url?: string | undefined;
  dataDir?: string | undefined;
  poolSize?: number;
  /** Prepared statements on PostgreSQL (default on; see `preparing`). */
  prepare?: boolean;
  /** Sees every query the repositories run (tests that check query plans; SQL tracing). */
  onQuery?: (query: string, params: unknown[]) => void;
}

/** Runs `fn` unless this process is already running something under the same key. */
type Outcome<T> = { ran: true; value: T } | { ran: false };

const inProcessGuard = () => {
  const running = new Set<number>();
  return async <T>(key: number, fn: () => Promise<Outcome<T>>): Promise<Outcome<T>> => {
    if (running.has(key)) return { ran: false };
    running.add(key);
    try {
      return await fn();
    } finally {
      running.delete(key);
    }
  };
};

/**
 * drizzle runs its queries through postgres.js's `unsafe()` unprepared, so PostgreSQL parses and plans
 * every statement anew and each one carries its full text. Asking for prepared statements makes every
 * repeat a Bind and Execute of a plan the connection already has: measurably less work for both sides
 * on the hot paths (sessions, shares). The transaction handles postgres.js gives out get the same.
 * Off with `prepare: false` (PgBouncer in transaction mode cannot keep prepared statements).
 */
const preparing = (sql: postgres.Sql): postgres.Sql =>
  new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, args: unknown[] = [], options: Record<string, unknown> = {}) =>
          target.unsafe(query, args as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
      }
      if (property === 'begin') {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: postgres.Sql) => fn(preparing(tx)));
        };
      }
      if (property === 'savepoint') {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.Sql) => unknown;
          return (target as unknown as { savepoint: (...a: unknown[]) => unknown }).savepoint(...args, (tx: postgres.Sql) =>
            fn(preparing(tx)),
          );
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });

const queryLogger = (onQuery: ConnectOptions['onQuery']) => (onQuery ? { logger: { logQuery: onQuery } } : {});

const connectPostgres = (url: string, poolSize: number, prepare: boolean, onQuery: ConnectOptions['onQuery']): Connection => {
  const client = postgres(url, { max: poolSize, onnotice: () => {}, connect_timeout: 10, prepare });
  const drizzled = drizzlePostgres({ client: prepare ? preparing(client) : client, schema, ...queryLogger(onQuery) });
  const db = drizzled as unknown as Executor;
  // Session-level advisory locks live on a connection of their own, outside the pool, so holding one
  // never takes a connection away from the work it protects.
  let lockClient: postgres.Sql | undefined;
  const locks = () => (lockClient ??= postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10, idle_timeout: 60 }));

  // Advisory locks are re-entrant within one session, so this process also keeps its own set.
  const local = inProcessGuard();
  const tryExclusive: Connection['tryExclusive'] = (key, fn) =>
    local(key, async (): Promise<Outcome<Awaited<ReturnType<typeof fn>>>> => {
      const [row] = await locks()<{ locked: boolean }[]>`select pg_try_advisory_lock(${LOCK_NAMESPACE}, ${key}) as locked`;
      if (!row?.locked) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await locks()`select pg_advisory_unlock(${LOCK_NAMESPACE}, ${key})`;
      }
    });

  return {
    kind: 'postgres',
    db,
    tryExclusive,
    // Several processes may start at once: the first migrates, the others wait on the lock and find it done.
    migrate: async () => {
      const lock = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
      try {
        await lock`select pg_advisory_lock(${LOCK_NAMESPACE}, ${MIGRATION_LOCK})`;
        await migratePostgres(drizzled, { migrationsFolder });
      } finally {
        await lock.end({ timeout: 5 });
      }
    },
    close: async () => {
      await lockClient?.end({ timeout: 5 });
      await client.end({ timeout: 5 });
    },
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

export const DATA_DIR_LOCK_FILE = 'mediashare.pid';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: number,
    options?: { cause?: unknown },
  ) {
    super(`The embedded database in ${dataDir} is in use by process ${holder}. Stop it first, or set DATABASE_URL.`, options);
    this.name = 'DataDirInUseError';
  }
}

/**
 * PGlite keeps its files in one process's memory: a second process opening the same folder would
 * corrupt it. A pid file refuses that with a clear message (a stale one from a dead process is taken over).
 */
export const lockDataDir = async (dataDir: string) => {
  const lockFile = path.join(dataDir, DATA_DIR_LOCK_FILE);
  for (;;) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: 'wx' });
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(lockFile, 'utf8').catch(() => ''));
      if (holder && holder !== process.pid && isRunning(holder)) {
        throw new DataDirInUseError(dataDir, holder, { cause: error });
      }
      await rm(lockFile, { force: true });
    }
  }
};

const connectPglite = async (dataDir: string, onQuery: ConnectOptions['onQuery']): Promise<Connection> => {
  let unlock = async () => {};
  if (dataDir !== 'memory://') {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  const client = new PGlite(dataDir);
  const db = drizzlePglite({ client, schema, ...queryLogger(onQuery) }) as unknown as Executor;
  // PGlite lives in this one process: the in-process guard is the whole lock.
  const local = inProcessGuard();
  return {
    kind: 'pglite',
    db,
    tryExclusive: (key, fn) => local(key, async () => ({ ran: true as const, value: await fn() })),
    migrate: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder }),
    close: async () => {
      await client.close();
      await unlock();
    },
    dump: () => dumpEmbedded(client),
  };
};

export const connect = async ({ url, dataDir, poolSize = 10, prepare = true, onQuery }: ConnectOptions): Promise<Connection> =>
  url ? connectPostgres(url, poolSize, prepare, onQuery) : connectPglite(dataDir ?? 'memory://', onQuery);
