import { access, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DATA_DIR_LOCK_FILE, lockDataDir, migrationsFolder } from './client';
import {
  describeEmbedded,
  dumpEmbedded,
  findReferencedObjects,
  type EmbeddedDatabaseInfo,
  type EmbeddedDump,
} from './embedded-dump';

export class EmbeddedDatabaseMissingError extends Error {
  constructor(dataDir: string) {
    super(`There is no embedded database in ${dataDir}`);
    this.name = 'EmbeddedDatabaseMissingError';
  }
}

/**
 * The embedded database of a stopped server, opened under the lock the server itself takes at start:
 * while this is open no server can start on it, and it cannot be opened while a server runs. Nothing
 * is migrated or changed; PGlite only recovers what an unclean stop left in its write-ahead log.
 */
export const openStoppedEmbedded = async (
  dataDir: string,
): Promise<{ dump(): Promise<EmbeddedDump>; close(): Promise<void> }> => {
  try {
    await access(path.join(dataDir, 'PG_VERSION'));
  } catch {
    throw new EmbeddedDatabaseMissingError(dataDir);
  }
  const unlock = await lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir);
  } catch (error) {
    await unlock();
    throw error;
  }
  return {
    dump: () => dumpEmbedded(client),
    close: async () => {
      await client.close();
      await unlock();
    },
  };
};

/**
 * Writes a dumped data directory into `dataDir` (a new, empty folder), starts it once so PostgreSQL
 * replays its log, and reports what it holds so the caller can compare that with the backup's record.
 */
export const loadEmbedded = async (
  dataDir: string,
  tar: Blob,
): Promise<EmbeddedDatabaseInfo & { referenced: { bucket: string; key: string }[] }> => {
  const client = await PGlite.create(dataDir, { loadDataDir: tar });
  try {
    const info = await describeEmbedded(client);
    return { ...info, referenced: await findReferencedObjects(client) };
  } finally {
    await client.close();
    // The dump was taken while a process held the data directory: its lock file came along.
    await rm(path.join(dataDir, DATA_DIR_LOCK_FILE), { force: true });
  }
};

/** The newest migration this code knows (its journal's `when`): a database past it was made by a newer release. */
export const latestKnownMigration = async (): Promise<number> => {
  const journal = JSON.parse(await readFile(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((entry) => entry.when));
};
