import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { DataDirInUseError, EmbeddedDatabaseMissingError, openStoppedEmbedded } from '@mediashare/db';
import type { Env } from '../env';
import { BackupError } from './backup-error';
import { controlSocketPath, requestSnapshot } from './control-channel';
import type { TBackupManifest } from './manifest';
import { knownToDatabase } from './storage-tree';
import { writeBackup, type BackupStep } from './write-backup';

/** `pnpm backup` and `pnpm restore` copy the embedded default; production has its own tools (README). */
export const assertEmbedded = (env: Env, command: 'backup' | 'restore') => {
  if (env.DATABASE_URL) {
    throw new BackupError(
      `pnpm ${command} handles the embedded database under DATA_DIR, and this configuration uses PostgreSQL (DATABASE_URL). ` +
        'Use pg_dump/pg_restore and a copy of the storage buckets, as README\'s "Backups" section describes.',
    );
  }
  if (env.STORAGE_DRIVER !== 'local') {
    throw new BackupError(
      `pnpm ${command} handles files under DATA_DIR/storage, and this configuration keeps them in Supabase Storage. ` +
        'README\'s "Backups" section describes how to copy the buckets.',
    );
  }
};

const isInside = (child: string, parent: string) => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** Creates the backup folder (only its user may read it: it holds password hashes and private files). */
const prepareOut = async (out: string, dataDir: string) => {
  if (isInside(out, dataDir)) throw new BackupError(`Write the backup outside DATA_DIR (${dataDir}), not into ${out}`);
  const existing = await readdir(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing && existing.length > 0) throw new BackupError(`${out} is not empty: give a new or empty folder to back up into`);
  await mkdir(out, { recursive: true, mode: 0o700 });
  return { created: existing === null };
};

export type BackupProgress = BackupStep | { step: 'source'; serverRunning: boolean };

/**
 * `pnpm backup --out <dir>`: a copy of the embedded database and local storage that restores to the
 * same state. While a server runs, it takes the snapshot through its control socket (a second process
 * must never open the database); otherwise this process opens the data dir under the lock a server
 * takes at start, so none can start until the backup is written.
 */
export const backupEmbedded = async ({
  env,
  out,
  onStep,
}: {
  env: Env;
  out: string;
  onStep?: (step: BackupProgress) => void | Promise<void>;
}): Promise<TBackupManifest> => {
  assertEmbedded(env, 'backup');
  const target = path.resolve(out);
  const { created } = await prepareOut(target, env.DATA_DIR);
  try {
    const running = await requestSnapshot(env.DATA_DIR);
    if (running) {
      try {
        await onStep?.({ step: 'source', serverRunning: true });
        const { dir, database } = running.snapshot;
        return await writeBackup({
          out: target,
          serverRunning: true,
          database: { info: database, tar: createReadStream(path.join(dir, 'database.tar')) },
          storageRoot: path.join(dir, 'storage'),
          onStep,
        });
      } finally {
        await running.release();
      }
    }

    const stopped = await openStoppedEmbedded(path.join(env.DATA_DIR, 'pglite')).catch((error: unknown) => {
      if (error instanceof EmbeddedDatabaseMissingError) {
        throw new BackupError(`Nothing to back up: ${error.message} (is DATA_DIR the server's?)`);
      }
      if (error instanceof DataDirInUseError) {
        throw new BackupError(
          `The embedded database in ${error.dataDir} is in use by process ${error.holder}, which does not answer on ` +
            `${controlSocketPath(env.DATA_DIR)}: ` +
            'it is a command such as pnpm sweep, or a server of an older release. Let it finish or stop it, then back up again.',
        );
      }
      throw error;
    });
    try {
      await onStep?.({ step: 'source', serverRunning: false });
      const { tar, publicKeys, ...info } = await stopped.dump();
      return await writeBackup({
        out: target,
        serverRunning: false,
        database: { info, tar: Readable.fromWeb(tar.stream() as WebReadableStream) },
        storageRoot: path.join(env.DATA_DIR, 'storage'),
        keep: knownToDatabase(publicKeys),
        onStep,
      });
    } finally {
      await stopped.close();
    }
  } catch (error) {
    // No half-written backup stays behind to be mistaken for one.
    if (created) await rm(target, { recursive: true, force: true });
    else for (const name of await readdir(target)) await rm(path.join(target, name), { recursive: true, force: true });
    throw error;
  }
};
