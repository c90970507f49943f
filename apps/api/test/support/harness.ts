import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import {
  createHashingGate,
  seedDefaultTags,
  type DatabasePort,
  type ImagingPort,
  type StoragePort,
  type WatermarkPort,
} from '@mediashare/core';
import { connect, createDatabase, openDatabase, type Connection } from '@mediashare/db';
import { LocalStorage } from '@mediashare/storage';
import { driverFor, startStandInWithBuckets, type SupabaseStandIn } from '@mediashare/storage/stand-in';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createApp } from '../../src/app';
import { coreConfigFrom, createWatermark } from '../../src/bootstrap';
import type { AppDeps } from '../../src/deps';
import { parseEnv } from '../../src/env';
import { createLogger } from '../../src/logger';
import { GENEROUS_BUDGETS } from './budgets';

export const INTERNAL_TOKEN = 'internal-token-for-tests-0123456789abcdef';

export type TestDatabase = DatabasePort & { connection: Connection; url?: string };

export interface HarnessOptions {
  env?: Record<string, string>;
  /** A clock the test can move. */
  now?: () => Date;
  /** Share another harness's database, as a second API process would. */
  database?: TestDatabase;
  /** A database of its own rather than the run's shared one. */
  isolated?: boolean;
  /** Wraps the storage and database the app sees, e.g. to inject failures. */
  wrapPorts?: (storage: StoragePort, database: DatabasePort) => { storage: StoragePort; database: DatabasePort };
  storage?: StoragePort;
  watermark?: WatermarkPort;
  /** The image service (renditions, stripped copies); one of the harness's own by default. */
  imaging?: ImagingPort;
  /** Collect log lines (parsed JSON) instead of discarding them. */
  captureLogs?: boolean;
  /** A folder with a built web app (at least index.html); by default there is none. */
  webDistDir?: string;
}

/**
 * The storage driver of the run: the local filesystem, or with TEST_STORAGE=supabase the Supabase driver
 * against a stand-in Storage API server (one per harness, buckets made by the bootstrap).
 */
export const STORAGE_DRIVER = process.env.TEST_STORAGE === 'supabase' ? 'supabase' : 'local';

const storageBackend = async (
  root: string,
  publicUrl: string,
): Promise<{ storage: StoragePort; standIn: SupabaseStandIn | null; env: Record<string, string> }> => {
  if (STORAGE_DRIVER === 'local') {
    return { storage: new LocalStorage({ root, publicBaseUrl: publicUrl }), standIn: null, env: {} };
  }
  const standIn = await startStandInWithBuckets();
  return {
    storage: driverFor(standIn),
    standIn,
    env: { STORAGE_DRIVER: 'supabase', SUPABASE_URL: standIn.url, SUPABASE_SERVICE_ROLE_KEY: standIn.serviceKey },
  };
};

/** Opens this run's database: the shared PostgreSQL one, or a fresh in-memory PGlite. */
export const openTestDatabase = async (): Promise<TestDatabase> => {
  if (inject('dbMode') === 'postgres') return createDatabase(await connect({ url: inject('databaseUrl'), poolSize: 4 }));
  return openDatabase({ dataDir: 'memory://' });
};

/** What a second API process would have: its own connections to the same database. */
export const openSecondProcessDatabase = async (first: TestDatabase): Promise<TestDatabase> =>
  // PGlite lives inside one process, so there the "second process" shares the first one's handle.
  inject('dbMode') === 'postgres' ? openTestDatabase() : first;

/**
 * A database no other test file sees, for tests that change shared tables (the tag list). On
 * PostgreSQL a new database, dropped again on close.
 */
export const openIsolatedDatabase = async (): Promise<TestDatabase> => {
  if (inject('dbMode') !== 'postgres') return openDatabase({ dataDir: 'memory://' });
  const url = new URL(inject('databaseUrl'));
  const name = `${url.pathname.slice(1)}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 2 });
  return {
    ...db,
    url: url.toString(),
    close: async () => {
      await db.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
};

/**
 * A complete API on a real database and real files in a temp folder, driven through app.request().
 */
export const createHarness = async (options: HarnessOptions = {}) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'mediashare-test-'));
  const env = parseEnv({
    DATA_DIR: dir,
    LOG_LEVEL: options.captureLogs ? 'info' : 'silent',
    // Tests hash many passwords; production cost is the default.
    SCRYPT_COST: '1024',
    PUBLIC_URL: 'http://localhost:3000',
    ...GENEROUS_BUDGETS,
    ...options.env,
  });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const ownsDatabase = !options.database;
  const db = options.database ?? (options.isolated ? await openIsolatedDatabase() : await openTestDatabase());
  const storageRoot = path.join(env.DATA_DIR, 'storage');
  const backend = options.storage ? null : await storageBackend(storageRoot, env.PUBLIC_URL);
  const storage = options.storage ?? backend!.storage;
  const imaging = options.imaging ?? (await createWatermark(env));
  const deps: AppDeps & { db: TestDatabase } = {
    db,
    storage,
    watermark: options.watermark ?? imaging,
    imaging,
    logger: createLogger(env.LOG_LEVEL, sink),
    config: coreConfigFrom(env),
    now: options.now ?? (() => new Date()),
    hashing: createHashingGate({ perAddress: env.PASSWORD_HASHES_PER_IP }),
    env,
  };
  await seedDefaultTags(deps);
  // The app may see the ports through a wrapper (fault injection); the harness keeps the real ones.
  const wrapped = options.wrapPorts ? options.wrapPorts(storage, db) : { storage, database: db };
  const app = createApp(
    { ...deps, storage: wrapped.storage, db: wrapped.database },
    { webDistDir: options.webDistDir ?? path.join(dir, 'no-web-build'), validateResponses: true },
  );

  return {
    app,
    deps,
    dir,
    logs,
    /** The database itself, for assertions about rows. */
    sql: db.connection.db,
    storageRoot,
    /** The Supabase stand-in behind the storage driver (TEST_STORAGE=supabase), for fault injection. */
    standIn: backend?.standIn ?? null,
    /** The environment a server process needs to use the same storage as this harness. */
    storageEnv: backend?.env ?? {},
    /** Fetches a public URL the storage driver handed out. */
    fetchPublic: (url: string) => (backend?.standIn ? fetch(url) : app.request(new URL(url).pathname)),
    /** Every object key in a bucket. */
    async objects(bucket: string): Promise<string[]> {
      if (backend?.standIn) return backend.standIn.store.list(bucket);
      const root = path.join(storageRoot, bucket);
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      return entries
        .filter((e) => e.isFile())
        .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
        .sort();
    },
    async close() {
      if (!options.imaging) await imaging.close();
      if (ownsDatabase) await db.close();
      await backend?.standIn?.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

export type Harness = Awaited<ReturnType<typeof createHarness>>;
