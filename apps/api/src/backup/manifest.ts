import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import apiPackage from '../../package.json' with { type: 'json' };
import { BackupError } from './backup-error';

/**
 * A backup folder:
 *   manifest.json            what it holds (written last: a folder without it is incomplete)
 *   SHA256SUMS               every other file's SHA-256, in `sha256sum -c` format
 *   database/pglite.tar.gz   the embedded database's data directory (PGlite's dump)
 *   storage/...              the storage root: `<bucket>/<key>` objects and `.meta/` content types
 */
export const MANIFEST_FILE = 'manifest.json';
export const CHECKSUMS_FILE = 'SHA256SUMS';
export const DATABASE_FILE = 'database/pglite.tar.gz';
export const STORAGE_DIR = 'storage';

export const PRODUCT_VERSION = apiPackage.version;

const count = z.number().int().min(0);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ZBackupManifest = z.object({
  format: z.literal(1),
  product: z.literal('mediashare'),
  version: z.string(),
  createdAt: z.iso.datetime(),
  /** Taken through a running server (true) or from a stopped data dir under its lock (false). */
  serverRunning: z.boolean(),
  database: z.object({
    kind: z.literal('pglite'),
    file: z.literal(DATABASE_FILE),
    bytes: count,
    sha256,
    postgres: z.string(),
    migration: z.number().int().nullable(),
    tables: z.record(z.string(), count),
  }),
  storage: z.object({
    /** Objects and their bytes, per bucket and in all; `files` adds their metadata files. */
    objects: count,
    bytes: count,
    files: count,
    buckets: z.record(z.string(), z.object({ objects: count, bytes: count })),
  }),
  checksums: z.object({ file: z.literal(CHECKSUMS_FILE), sha256, files: count }),
});
export type TBackupManifest = z.infer<typeof ZBackupManifest>;

export const readManifest = async (dir: string): Promise<TBackupManifest> => {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new BackupError(
        `${dir} is not a complete backup: it has no ${MANIFEST_FILE} (the backup that wrote it did not finish, or this is the wrong folder)`,
      );
    }
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BackupError(`${path.join(dir, MANIFEST_FILE)} is damaged: it is not JSON`);
  }
  const result = ZBackupManifest.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new BackupError(
      `${path.join(dir, MANIFEST_FILE)} is not a mediashare backup manifest this version reads (${issue?.path.join('.') || 'manifest'}: ${issue?.message})`,
    );
  }
  return result.data;
};

// sha256sum's own escaping for names with a backslash or a line break: the line starts with a backslash.
const escapeName = (name: string) => name.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\r', '\\r');
const unescapeName = (name: string) =>
  name.replace(/\\(\\|n|r)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));

export const formatChecksums = (entries: readonly { path: string; sha256: string }[]) =>
  entries
    .map(({ path: name, sha256: hash }) => {
      const escaped = escapeName(name);
      return `${escaped === name ? '' : '\\'}${hash}  ${escaped}\n`;
    })
    .join('');

export const parseChecksums = (text: string): Map<string, string> => {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const match = /^(\\?)([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) throw new BackupError(`${CHECKSUMS_FILE} is damaged: cannot read the line ${JSON.stringify(line.slice(0, 120))}`);
    sums.set(match[1] ? unescapeName(match[3]!) : match[3]!, match[2]!);
  }
  return sums;
};
