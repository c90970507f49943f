import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { EmbeddedDatabaseInfo } from '@mediashare/db';
import {
  CHECKSUMS_FILE,
  DATABASE_FILE,
  formatChecksums,
  MANIFEST_FILE,
  PRODUCT_VERSION,
  STORAGE_DIR,
  type TBackupManifest,
} from './manifest';
import { bucketOf, forEachLimit, isObjectFile, listStorageFiles } from './storage-tree';

/** Streams `source` through `transforms` into a new file, returning the written bytes' size and SHA-256. */
export const writeHashed = async (target: string, source: Readable, ...transforms: NodeJS.ReadWriteStream[]) => {
  const hash = createHash('sha256');
  let bytes = 0;
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  await pipeline(
    source,
    ...(transforms as []),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(target, { flags: 'wx', mode: 0o600 }),
  );
  return { bytes, sha256: hash.digest('hex') };
};

export type BackupStep =
  | { step: 'database'; bytes: number }
  | { step: 'storage'; files: number; done: number }
  | { step: 'manifest'; manifest: TBackupManifest };

/**
 * Writes a backup folder from a database dump and a storage root that nothing changes meanwhile (a
 * snapshot of a running server, or the data dir of a stopped one under its lock). Every file is hashed
 * as it is written; the manifest goes last, so a folder without one is known to be incomplete.
 */
export const writeBackup = async ({
  out,
  serverRunning,
  database,
  storageRoot,
  keep = () => true,
  onStep,
}: {
  out: string;
  serverRunning: boolean;
  database: { info: EmbeddedDatabaseInfo; tar: Readable };
  storageRoot: string;
  /** Which storage files to take (all by default). */
  keep?: (relative: string) => boolean;
  /** Progress; awaited, so a caller can pace the work. */
  onStep?: (step: BackupStep) => void | Promise<void>;
}): Promise<TBackupManifest> => {
  const sums: { path: string; sha256: string }[] = [];
  const dbFile = await writeHashed(path.join(out, DATABASE_FILE), database.tar, createGzip());
  sums.push({ path: DATABASE_FILE, sha256: dbFile.sha256 });
  await onStep?.({ step: 'database', bytes: dbFile.bytes });

  const files = (await listStorageFiles(storageRoot)).filter(keep);
  const buckets: Record<string, { objects: number; bytes: number }> = {};
  const hashes = new Map<string, string>();
  let done = 0;
  await forEachLimit(files, 4, async (relative) => {
    const written = await writeHashed(path.join(out, STORAGE_DIR, relative), createReadStream(path.join(storageRoot, relative)));
    hashes.set(relative, written.sha256);
    if (isObjectFile(relative)) {
      const bucket = (buckets[bucketOf(relative)] ??= { objects: 0, bytes: 0 });
      bucket.objects += 1;
      bucket.bytes += written.bytes;
    }
    done += 1;
    if (done % 500 === 0) await onStep?.({ step: 'storage', files: files.length, done });
  });
  await onStep?.({ step: 'storage', files: files.length, done });
  for (const relative of files) sums.push({ path: `${STORAGE_DIR}/${relative}`, sha256: hashes.get(relative)! });

  const checksums = formatChecksums(sums);
  await writeFile(path.join(out, CHECKSUMS_FILE), checksums, { mode: 0o600 });
  const totals = Object.values(buckets);
  const manifest: TBackupManifest = {
    format: 1,
    product: 'mediashare',
    version: PRODUCT_VERSION,
    createdAt: new Date().toISOString(),
    serverRunning,
    database: { kind: 'pglite', file: DATABASE_FILE, bytes: dbFile.bytes, sha256: dbFile.sha256, ...database.info },
    storage: {
      objects: totals.reduce((n, b) => n + b.objects, 0),
      bytes: totals.reduce((n, b) => n + b.bytes, 0),
      files: files.length,
      buckets,
    },
    checksums: { file: CHECKSUMS_FILE, sha256: createHash('sha256').update(checksums).digest('hex'), files: sums.length },
  };
  // Renamed into place: a manifest is there whole or not at all.
  const partial = path.join(out, `${MANIFEST_FILE}.partial`);
  await writeFile(partial, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await rename(partial, path.join(out, MANIFEST_FILE));
  await onStep?.({ step: 'manifest', manifest });
  return manifest;
};
