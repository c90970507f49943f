import { once } from 'node:events';
import { Readable } from 'node:stream';
import { StorageNotFoundError, type AccountExport, type CoreDeps } from '@mediashare/core';
import { ZipArchive } from 'archiver';

/**
 * Streams an account export as a ZIP: the originals one at a time, stored as they are (they are
 * compressed formats already), then manifest.json. Each original is opened only once the previous one
 * is in the archive, and the archive is read only as fast as the client takes it, so memory stays flat
 * whatever the vault's size. An original storage no longer has is listed in the manifest's `missing`.
 */
export const streamAccountExport = (
  { storage, logger }: Pick<CoreDeps, 'storage' | 'logger'>,
  { files, manifest }: Pick<AccountExport, 'files' | 'manifest'>,
): ReadableStream<Uint8Array> => {
  const archive = new ZipArchive({ store: true });
  const fill = async () => {
    const missing: string[] = [];
    for (const file of files) {
      let body;
      try {
        body = await storage.get(file.bucket, file.key);
      } catch (error) {
        if (!(error instanceof StorageNotFoundError)) throw error;
        missing.push(file.name);
        continue;
      }
      const added = once(archive, 'entry');
      archive.append(body.stream, { name: file.name, date: file.createdAt });
      await added;
    }
    archive.append(JSON.stringify({ ...manifest, missing }, null, 2), { name: 'manifest.json', store: false });
    await archive.finalize();
  };
  fill().catch((error: unknown) => {
    // The answer has started: a cut download is all the client can be told (it fails its unzip).
    logger.error({ err: error }, 'account export failed midway');
    archive.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return Readable.toWeb(archive) as ReadableStream<Uint8Array>;
};
