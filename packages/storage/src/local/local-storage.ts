import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
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

export interface LocalStorageOptions {
  /** `<root>/<bucket>/<key>` holds the bytes; `.meta` and `.tmp` beside the buckets hold the rest. */
  root: string;
  /** Origin (and optional path prefix) under which public buckets are served, e.g. http://localhost:3000. */
  publicBaseUrl: string;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Storage on the local filesystem. Each write goes to a temporary file on the same filesystem and is
 * renamed into place, so readers see the whole object or none of it.
 */
export class LocalStorage implements StoragePort {
  private readonly root: string;
  private readonly tmpDir: string;

  constructor(private readonly options: LocalStorageOptions) {
    this.root = path.resolve(options.root);
    this.tmpDir = path.join(this.root, '.tmp');
  }

  private locate(bucket: string, key: string) {
    assertBucketName(bucket);
    assertSafeKey(key);
    const bucketRoot = path.join(this.root, bucket);
    const file = path.resolve(bucketRoot, key);
    // Belt and braces after the segment checks: the resolved file must still sit inside its bucket.
    if (!file.startsWith(bucketRoot + path.sep)) throw new InvalidKeyError(key);
    return { file, meta: path.join(this.root, '.meta', bucket, `${key}.json`) };
  }

  private async readInfo(bucket: string, key: string): Promise<{ file: string } & ObjectInfo> {
    const { file, meta } = this.locate(bucket, key);
    let size: number;
    try {
      const stats = await stat(file);
      if (!stats.isFile()) throw new StorageNotFoundError(bucket, key);
      size = stats.size;
    } catch (error) {
      if (isMissing(error)) throw new StorageNotFoundError(bucket, key);
      throw error;
    }
    const contentType = await readFile(meta, 'utf8').then(
      (text) => (JSON.parse(text) as { contentType?: string }).contentType ?? contentTypeFromKey(key),
      () => contentTypeFromKey(key),
    );
    return { file, size, contentType };
  }

  private tempPath() {
    return path.join(this.tmpDir, randomUUID());
  }

  private async commit(tmp: string, bucket: string, key: string, contentType: string) {
    const { file, meta } = this.locate(bucket, key);
    await mkdir(path.dirname(file), { recursive: true });
    await mkdir(path.dirname(meta), { recursive: true });
    const metaTmp = this.tempPath();
    await writeFile(metaTmp, JSON.stringify({ contentType }));
    // The type lands before the bytes: an object never appears without its stored Content-Type.
    await rename(metaTmp, meta);
    await rename(tmp, file);
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
    const info = await this.readInfo(bucket, key);
    const { range } = options;
    if (range && (range.start < 0 || range.end < range.start || range.end >= info.size)) {
      throw new StorageError(`Range ${range.start}-${range.end} is outside ${bucket}/${key}`);
    }
    const stream = createReadStream(info.file, range ? { start: range.start, end: range.end } : {});
    return { size: info.size, contentType: info.contentType, stream, ...(range ? { range } : {}) };
  }

  async stat(bucket: TBucket, key: string): Promise<ObjectInfo | null> {
    try {
      const { size, contentType } = await this.readInfo(bucket, key);
      return { size, contentType };
    } catch (error) {
      if (error instanceof StorageNotFoundError) return null;
      throw error;
    }
  }

  async delete(bucket: TBucket, key: string): Promise<void> {
    const { file, meta } = this.locate(bucket, key);
    await unlink(file).catch((error: unknown) => {
      if (!isMissing(error)) throw error;
    });
    await rm(meta, { force: true });
  }

  async copy(from: { bucket: TBucket; key: string }, to: { bucket: TBucket; key: string }): Promise<ObjectInfo> {
    const source = await this.readInfo(from.bucket, from.key);
    this.locate(to.bucket, to.key);
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = this.tempPath();
    try {
      await copyFile(source.file, tmp);
      await this.commit(tmp, to.bucket, to.key, source.contentType);
      return { size: source.size, contentType: source.contentType };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
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
      const stats = await stat(file).catch(() => null);
      if (stats && stats.mtime < olderThan) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}
