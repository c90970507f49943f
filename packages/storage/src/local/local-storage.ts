import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  InvalidKeyError,
  StorageError,
  StorageNotFoundError,
  type ByteRange,
  type ObjectBody,
  type ObjectInfo,
  type PutOptions,
  type StoragePort,
  type TBucket,
} from '@mediashare/core';
import { assertBucketName, assertSafeKey, contentTypeFromKey, encodeKey } from '../keys';
import { isPlainFolder, isUnreachable, makePlainFolder, openPlainFile } from './no-follow';

export interface LocalStorageOptions {
  /** `<root>/<bucket>/<key>` holds the bytes; `.meta` and `.tmp` beside the buckets hold the rest. */
  root: string;
  /** Origin (and optional path prefix) under which public buckets are served, e.g. http://localhost:3000. */
  publicBaseUrl: string;
}

interface Location {
  /** `<root>/<bucket>`: a key never leaves it, and no link below it is followed. */
  bucketRoot: string;
  /** The key as a relative path in the platform's separators. */
  relative: string;
  file: string;
  metaRoot: string;
  metaRelative: string;
}

/**
 * Storage on the local filesystem. Each write goes to a temporary file on the same filesystem and is
 * renamed into place, so readers see the whole object or none of it. No operation follows a symbolic link
 * below a bucket's folder: a linked file or folder reads as missing and is never written through.
 */
export class LocalStorage implements StoragePort {
  private readonly root: string;
  private readonly tmpDir: string;

  constructor(private readonly options: LocalStorageOptions) {
    this.root = path.resolve(options.root);
    this.tmpDir = path.join(this.root, '.tmp');
  }

  private locate(bucket: string, key: string): Location {
    assertBucketName(bucket);
    assertSafeKey(key);
    const bucketRoot = path.join(this.root, bucket);
    const relative = path.join(...key.split('/'));
    // Belt and braces after the segment checks: the resolved file must still sit inside its bucket.
    if (!path.resolve(bucketRoot, relative).startsWith(bucketRoot + path.sep)) throw new InvalidKeyError(key);
    const metaRoot = path.join(this.root, '.meta', bucket);
    return { bucketRoot, relative, file: path.join(bucketRoot, relative), metaRoot, metaRelative: `${relative}.json` };
  }

  private async readContentType(where: Location, key: string): Promise<string> {
    const opened = await openPlainFile(where.metaRoot, where.metaRelative);
    if (!opened) return contentTypeFromKey(key);
    try {
      const text = await opened.handle.readFile('utf8');
      return (JSON.parse(text) as { contentType?: string }).contentType ?? contentTypeFromKey(key);
    } catch {
      return contentTypeFromKey(key);
    } finally {
      await opened.handle.close();
    }
  }

  /** The object opened for reading; the caller owns the handle. */
  private async open(bucket: string, key: string): Promise<{ handle: FileHandle } & ObjectInfo> {
    const where = this.locate(bucket, key);
    const opened = await openPlainFile(where.bucketRoot, where.relative);
    if (!opened) throw new StorageNotFoundError(bucket, key);
    try {
      return { ...opened, contentType: await this.readContentType(where, key) };
    } catch (error) {
      await opened.handle.close();
      throw error;
    }
  }

  private tempPath() {
    return path.join(this.tmpDir, randomUUID());
  }

  private async commit(tmp: string, bucket: string, key: string, contentType: string) {
    const where = this.locate(bucket, key);
    const inPlace =
      (await makePlainFolder(where.bucketRoot, path.dirname(where.relative))) &&
      (await makePlainFolder(where.metaRoot, path.dirname(where.metaRelative)));
    // A folder on the way is a link: the key would land wherever it points, outside its bucket.
    if (!inPlace) throw new InvalidKeyError(key);
    const metaTmp = this.tempPath();
    await writeFile(metaTmp, JSON.stringify({ contentType }));
    // The type lands before the bytes: an object never appears without its stored Content-Type. A rename
    // onto a link replaces the link itself, never the file it points to.
    await rename(metaTmp, path.join(where.metaRoot, where.metaRelative));
    await rename(tmp, where.file);
  }

  async put(bucket: TBucket, key: string, body: Readable | Uint8Array, { contentType }: PutOptions): Promise<ObjectInfo> {
    this.locate(bucket, key);
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = this.tempPath();
    try {
      if (body instanceof Uint8Array) await writeFile(tmp, body, { flush: true });
      else await pipeline(body, createWriteStream(tmp, { flush: true }));
      const { size } = await stat(tmp);
      await this.commit(tmp, bucket, key, contentType);
      return { size, contentType };
    } catch (error) {
      await rm(tmp, { force: true });
      if (body instanceof Readable) body.destroy();
      throw error;
    }
  }

  async get(bucket: TBucket, key: string, options: { range?: ByteRange } = {}): Promise<ObjectBody> {
    const { handle, size, contentType } = await this.open(bucket, key);
    const { range } = options;
    if (range && (range.start < 0 || range.end < range.start || range.end >= size)) {
      await handle.close();
      throw new StorageError(`Range ${range.start}-${range.end} is outside ${bucket}/${key}`);
    }
    // Read from the descriptor that was checked; the stream closes it when it ends or is destroyed.
    const stream = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    return { size, contentType, stream, ...(range ? { range } : {}) };
  }

  async stat(bucket: TBucket, key: string): Promise<ObjectInfo | null> {
    try {
      const { handle, size, contentType } = await this.open(bucket, key);
      await handle.close();
      return { size, contentType };
    } catch (error) {
      if (error instanceof StorageNotFoundError) return null;
      throw error;
    }
  }

  async delete(bucket: TBucket, key: string): Promise<void> {
    const where = this.locate(bucket, key);
    // Through a linked folder the key names nothing here. unlink() never follows the last component: a key
    // that is itself a link loses the link, and what it points to stays.
    if (await isPlainFolder(where.bucketRoot, path.dirname(where.relative))) {
      await unlink(where.file).catch((error: unknown) => {
        if (!isUnreachable(error)) throw error;
      });
    }
    if (await isPlainFolder(where.metaRoot, path.dirname(where.metaRelative))) {
      await rm(path.join(where.metaRoot, where.metaRelative), { force: true }).catch((error: unknown) => {
        if (!isUnreachable(error)) throw error;
      });
    }
  }

  async copy(from: { bucket: TBucket; key: string }, to: { bucket: TBucket; key: string }): Promise<ObjectInfo> {
    this.locate(to.bucket, to.key);
    const source = await this.open(from.bucket, from.key);
    const tmp = this.tempPath();
    try {
      await mkdir(this.tmpDir, { recursive: true });
      // Copied from the checked descriptor: copyFile() would open the source path again, following links.
      await pipeline(source.handle.createReadStream(), createWriteStream(tmp, { flush: true }));
      await this.commit(tmp, to.bucket, to.key, source.contentType);
      return { size: source.size, contentType: source.contentType };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    } finally {
      await source.handle.close().catch(() => undefined);
    }
  }

  publicUrl(bucket: TBucket, key: string): string {
    this.locate(bucket, key);
    return `${this.options.publicBaseUrl.replace(/\/$/, '')}/storage/v1/object/public/${bucket}/${encodeKey(key)}`;
  }

  /** Deletes temporary files left by writes that never finished (a killed process). */
  async removeIncomplete(olderThan: Date): Promise<number> {
    let removed = 0;
    const names = await readdir(this.tmpDir).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(this.tmpDir, name);
      // lstat: a link here is judged (and removed) as itself, never by the file it points to.
      const stats = await lstat(file).catch(() => null);
      if (stats && stats.mtime < olderThan) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}
