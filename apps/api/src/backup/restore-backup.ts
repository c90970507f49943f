import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { latestKnownMigration, loadEmbedded } from '@mediashare/db';
import type { Env } from '../env';
import { assertEmbedded } from './backup-embedded';
import { BackupError } from './backup-error';
import { CHECKSUMS_FILE, DATABASE_FILE, parseChecksums, readManifest, STORAGE_DIR, type TBackupManifest } from './manifest';
import { bucketOf, forEachLimit, isObjectFile, listStorageFiles } from './storage-tree';
import { writeHashed } from './write-backup';

/** Where a restore assembles the data dir before moving it into place; a leftover one is started over. */
const STAGING = '.restoring';
/** What a fresh ext4 filesystem has at its root, for a DATA_DIR that is a volume of its own. */
const EMPTY_FILESYSTEM = 'lost+found';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const damaged = (what: string) => new BackupError(`The backup is damaged or incomplete: ${what}. Nothing was restored.`);

const listSome = (names: string[]) => names.slice(0, 5).join(', ') + (names.length > 5 ? `, and ${names.length - 5} more` : '');

const describeCounts = (expected: Record<string, number>, actual: Record<string, number>) =>
  [...new Set([...Object.keys(expected), ...Object.keys(actual)])]
    .filter((table) => expected[table] !== actual[table])
    .map((table) => `${table}: ${expected[table] ?? 'absent'} in the backup, ${actual[table] ?? 'absent'} restored`);

/**
 * Refuses anything but an empty (or missing) DATA_DIR. An interrupted restore's staging folder does not
 * count, and neither does an empty lost+found.
 */
const assertEmpty = async (dataDir: string) => {
  const entries = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  const emptyLostFound =
    entries?.includes(EMPTY_FILESYSTEM) &&
    (await readdir(path.join(dataDir, EMPTY_FILESYSTEM)).then(
      (names) => names.length === 0,
      () => false,
    ));
  const others = (entries ?? []).filter((name) => name !== STAGING && !(name === EMPTY_FILESYSTEM && emptyLostFound));
  if (others.length > 0) {
    throw new BackupError(
      `DATA_DIR ${dataDir} is not empty (${listSome(others)}): a restore goes only into an empty DATA_DIR. ` +
        'Move its contents aside, or point DATA_DIR at a new folder, and restore again.',
    );
  }
  return { existed: entries !== null };
};

/** The checksum list, checked against the manifest, and the folder holding exactly the files it names. */
const readChecksums = async (source: string, manifest: TBackupManifest) => {
  const text = await readFile(path.join(source, CHECKSUMS_FILE)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw damaged(`${CHECKSUMS_FILE} is missing`);
    throw error;
  });
  if (sha256(text) !== manifest.checksums.sha256) throw damaged(`${CHECKSUMS_FILE} does not match the manifest`);
  const sums = parseChecksums(text.toString('utf8'));
  if (sums.size !== manifest.checksums.files) throw damaged(`${CHECKSUMS_FILE} does not list as many files as the manifest says`);
  if (!sums.has(DATABASE_FILE)) throw damaged(`${CHECKSUMS_FILE} does not list ${DATABASE_FILE}`);
  const present = new Set(
    (await listStorageFiles(path.join(source, STORAGE_DIR))).map((relative) => `${STORAGE_DIR}/${relative}`),
  );
  if (
    await access(path.join(source, DATABASE_FILE)).then(
      () => true,
      () => false,
    )
  )
    present.add(DATABASE_FILE);
  const missing = [...sums.keys()].filter((name) => !present.has(name));
  if (missing.length > 0) throw damaged(`files listed in ${CHECKSUMS_FILE} are missing (${listSome(missing)})`);
  const unlisted = [...present].filter((name) => !sums.has(name));
  if (unlisted.length > 0) throw damaged(`files that are not part of the backup were added (${listSome(unlisted)})`);
  return sums;
};

export type RestoreStep =
  | { step: 'verified'; manifest: TBackupManifest }
  | { step: 'storage'; files: number; done: number }
  | { step: 'database'; tables: Record<string, number> };

/**
 * `pnpm restore <dir>`: checks the backup whole (manifest, checksum list, every file's SHA-256, object
 * totals, and the restored database's row counts against the dump's), assembling the data dir in a
 * staging folder inside DATA_DIR, and moves it into place only when everything matched. On any
 * mismatch the staging folder goes and DATA_DIR is as empty as it was.
 */
export const restoreBackup = async ({
  env,
  from,
  onStep,
}: {
  env: Env;
  from: string;
  onStep?: (step: RestoreStep) => void | Promise<void>;
}): Promise<{ manifest: TBackupManifest; missingObjects: { bucket: string; key: string }[] }> => {
  assertEmbedded(env, 'restore');
  const source = path.resolve(from);
  const dataDir = env.DATA_DIR;
  const { existed } = await assertEmpty(dataDir);

  const manifest = await readManifest(source);
  if (manifest.database.migration !== null && manifest.database.migration > (await latestKnownMigration())) {
    throw new BackupError(
      `This backup was made by a newer release of mediashare (${manifest.version}): its database has migrations this one does not know. ` +
        'Restore it with that release or a later one.',
    );
  }
  const sums = await readChecksums(source, manifest);
  await onStep?.({ step: 'verified', manifest });

  const staging = path.join(dataDir, STAGING);
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.join(staging, STORAGE_DIR), { recursive: true, mode: 0o700 });
  try {
    const storageFiles = [...sums.keys()].filter((name) => name.startsWith(`${STORAGE_DIR}/`));
    const buckets: Record<string, { objects: number; bytes: number }> = {};
    let done = 0;
    await forEachLimit(storageFiles, 4, async (name) => {
      const written = await writeHashed(path.join(staging, name), createReadStream(path.join(source, name)));
      if (written.sha256 !== sums.get(name)) throw damaged(`${name} does not match its checksum`);
      const relative = name.slice(STORAGE_DIR.length + 1);
      if (isObjectFile(relative)) {
        const bucket = (buckets[bucketOf(relative)] ??= { objects: 0, bytes: 0 });
        bucket.objects += 1;
        bucket.bytes += written.bytes;
      }
      done += 1;
      if (done % 500 === 0) await onStep?.({ step: 'storage', files: storageFiles.length, done });
    });
    await onStep?.({ step: 'storage', files: storageFiles.length, done });
    const objects = Object.values(buckets).reduce((n, b) => n + b.objects, 0);
    const bytes = Object.values(buckets).reduce((n, b) => n + b.bytes, 0);
    if (objects !== manifest.storage.objects || bytes !== manifest.storage.bytes) {
      throw damaged(
        `it holds ${objects} objects (${bytes} bytes) where the manifest says ${manifest.storage.objects} (${manifest.storage.bytes})`,
      );
    }

    const tarball = await readFile(path.join(source, DATABASE_FILE));
    if (sha256(tarball) !== sums.get(DATABASE_FILE) || sha256(tarball) !== manifest.database.sha256) {
      throw damaged(`${DATABASE_FILE} does not match its checksum`);
    }
    const loaded = await loadEmbedded(path.join(staging, 'pglite'), new Blob([tarball])).catch((error: unknown) => {
      throw damaged(`the database would not open (${error instanceof Error ? error.message : String(error)})`);
    });
    const differences = describeCounts(manifest.database.tables, loaded.tables);
    if (differences.length > 0 || loaded.migration !== manifest.database.migration) {
      throw damaged(`the restored database differs from the one backed up (${listSome(differences) || 'migrations'})`);
    }
    await onStep?.({ step: 'database', tables: loaded.tables });

    // Rows whose object was already gone when the backup was taken (storage lost outside mediashare).
    const missingObjects = [];
    for (const object of loaded.referenced) {
      const file = path.join(staging, STORAGE_DIR, object.bucket, object.key);
      if (
        !(await access(file).then(
          () => true,
          () => false,
        ))
      )
        missingObjects.push(object);
    }

    // Two renames on one filesystem. The database goes last: cut off between them, DATA_DIR has no
    // database, which a server would start as a new vault rather than serve rows whose files are missing.
    await rename(path.join(staging, STORAGE_DIR), path.join(dataDir, STORAGE_DIR));
    await rename(path.join(staging, 'pglite'), path.join(dataDir, 'pglite'));
    await rmdir(staging);
    return { manifest, missingObjects };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!existed) await rmdir(dataDir).catch(() => {});
    throw error;
  }
};
