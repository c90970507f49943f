import { randomUUID } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { EmbeddedDatabaseInfo, EmbeddedDump } from '@mediashare/db';
import type { DeleteHold } from './delete-hold';
import { forEachLimit, knownToDatabase, listStorageFiles } from './storage-tree';

/** Inside DATA_DIR, so hard links reach the storage files; removed when the backup is done, or at the next start. */
export const snapshotsDir = (dataDir: string) => path.join(dataDir, 'backup-snapshots');

export interface Snapshot {
  /** Holds `database.tar` (PGlite's dump) and `storage/` (the storage root as it was). */
  dir: string;
  database: EmbeddedDatabaseInfo;
  storage: { files: number; linked: number; copied: number };
}

const CANNOT_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK', 'EOPNOTSUPP']);

/**
 * Links every storage file into `to`. The local driver never changes a file in place (a write is a new
 * file renamed over the old name), so a link keeps the bytes as they are now, whatever happens to the
 * name later, at the cost of a directory entry. Where links are impossible (storage mounted from
 * another filesystem) the file is cloned or copied.
 */
const linkStorage = async (from: string, to: string, keep: (relative: string) => boolean) => {
  const files = (await listStorageFiles(from)).filter(keep);
  const made = new Set<string>();
  let linked = 0;
  let copied = 0;
  await forEachLimit(files, 16, async (relative) => {
    const source = path.join(from, relative);
    const target = path.join(to, relative);
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true, mode: 0o700 });
      made.add(parent);
    }
    try {
      await link(source, target);
      linked += 1;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      // A file whose write was being renamed into place as the list was read: the new name is listed too.
      if (code === 'ENOENT') return;
      if (!CANNOT_LINK.has(code)) throw error;
      await copyFile(source, target, constants.COPYFILE_FICLONE);
      copied += 1;
    }
  });
  return { files: linked + copied, linked, copied };
};

/**
 * The running server's half of a hot backup: with storage deletes held, dump the database and link the
 * storage files; then release the hold and write the dump out. Every object a dumped row points at is
 * therefore in the snapshot: it existed when its row was written, and no delete ran until it was linked.
 * Objects written after the dump come along unreferenced, which is harmless.
 */
export const takeSnapshot = async ({
  dataDir,
  dump,
  hold,
  afterDump,
}: {
  dataDir: string;
  dump: () => Promise<EmbeddedDump>;
  hold: DeleteHold;
  /** Called with the hold still on (tests use it to show what the hold protects). */
  afterDump?: () => Promise<void>;
}): Promise<Snapshot> => {
  const dir = path.join(snapshotsDir(dataDir), randomUUID());
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    const { dumped, storage } = await hold.run(async () => {
      const dumped = await dump();
      await afterDump?.();
      const keep = knownToDatabase(dumped.publicKeys);
      return { dumped, storage: await linkStorage(path.join(dataDir, 'storage'), path.join(dir, 'storage'), keep) };
    });
    const { tar, publicKeys: _, ...database } = dumped;
    await pipeline(Readable.fromWeb(tar.stream() as WebReadableStream), createWriteStream(path.join(dir, 'database.tar')));
    return { dir, database, storage };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
};
