import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { BUCKETS } from '@mediashare/core';

/**
 * The local driver's layout (packages/storage/src/local): `<bucket>/<key>` holds an object's bytes,
 * `.meta/<bucket>/<key>.json` its content type, `.tmp/` writes still in progress. A copy takes all
 * of it but `.tmp`, whose files are renamed into place when whole or removed by the sweep.
 */
const IN_PROGRESS = '.tmp';

/** Every file of a storage root worth keeping, as `/`-separated paths relative to it, sorted. */
export const listStorageFiles = async (root: string): Promise<string[]> => {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((relative) => !relative.startsWith(`${IN_PROGRESS}/`))
    .sort();
};

/** An object's bytes, not its metadata: files inside a bucket folder. */
export const isObjectFile = (relative: string) => !relative.startsWith('.') && relative.includes('/');

/** The bucket of an object file. */
export const bucketOf = (relative: string) => relative.slice(0, relative.indexOf('/'));

/**
 * On the local driver the public bucket holds community copies only, each recorded (as a row, or as an
 * intent while it is written or deleted) before its object exists. A public object the dumped database
 * does not know was written after the dump: restored, it would be a public file no row accounts for and
 * nothing would ever remove, so a backup leaves it out.
 */
export const knownToDatabase = (publicKeys: readonly string[]) => {
  const known = new Set(publicKeys);
  return (relative: string) => {
    if (relative.startsWith(`${BUCKETS.general}/`)) return known.has(relative.slice(BUCKETS.general.length + 1));
    const meta = `.meta/${BUCKETS.general}/`;
    if (relative.startsWith(meta) && relative.endsWith('.json')) return known.has(relative.slice(meta.length, -'.json'.length));
    return true;
  };
};

/**
 * Runs `fn` over `items` with at most `limit` at a time. After a failure nothing new starts, and the
 * error is thrown once the calls under way have settled, so the caller's cleanup races no writes.
 */
export const forEachLimit = async <T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) => {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      try {
        await fn(items[next++] as T);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
};
