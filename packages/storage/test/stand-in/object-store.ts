import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { apiErrors } from './api-errors';

export interface StoredBucket {
  id: string;
  name: string;
  owner: string;
  public: boolean;
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
  created_at: string;
  updated_at: string;
  type: 'STANDARD';
}

export interface StoredObject {
  id: string;
  version: string;
  bucket: string;
  name: string;
  size: number;
  mimetype: string;
  cacheControl: string;
  createdAt: Date;
  updatedAt: Date;
  /** Bytes live in a file named by version, so no key ever becomes a path on this disk. */
  file: string;
}

interface WrittenData {
  file: string;
  size: number;
}

/** Buckets and object rows in memory (Storage keeps them in Postgres), bytes in a temporary folder. */
export class ObjectStore {
  readonly buckets = new Map<string, StoredBucket>();
  private readonly objects = new Map<string, StoredObject>();

  constructor(private readonly root: string) {}

  bucket(id: string): StoredBucket {
    const bucket = this.buckets.get(id);
    if (!bucket) throw apiErrors.noSuchBucket();
    return bucket;
  }

  /** Every object name in a bucket, sorted (what a test checks against its rows). */
  list(bucket: string): string[] {
    return [...this.objects.values()]
      .filter((object) => object.bucket === bucket)
      .map((object) => object.name)
      .sort();
  }

  find(bucket: string, name: string): StoredObject | undefined {
    return this.objects.get(`${bucket}/${name}`);
  }

  get(bucket: string, name: string): StoredObject {
    const object = this.find(bucket, name);
    if (!object) throw apiErrors.noSuchKey();
    return object;
  }

  /**
   * Streams a body into a file of its own; only commit() makes it visible, so an upload that breaks off
   * leaves nothing at its key. Size limits are the route's business, judged before the body is read.
   */
  async write(body: Readable): Promise<WrittenData> {
    await mkdir(this.root, { recursive: true });
    const file = path.join(this.root, randomUUID());
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(file));
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    return { file, size };
  }

  async duplicate(source: StoredObject): Promise<WrittenData> {
    const file = path.join(this.root, randomUUID());
    await copyFile(source.file, file);
    return { file, size: source.size };
  }

  commit(bucket: string, name: string, data: WrittenData, meta: { mimetype: string; cacheControl: string }): StoredObject {
    const previous = this.find(bucket, name);
    const now = new Date();
    const object: StoredObject = {
      id: previous?.id ?? randomUUID(),
      version: randomUUID(),
      bucket,
      name,
      size: data.size,
      ...meta,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      file: data.file,
    };
    this.objects.set(`${bucket}/${name}`, object);
    // A reader that opened the old version keeps its descriptor; unlinking does not cut it off.
    if (previous) void rm(previous.file, { force: true });
    return object;
  }

  async remove(bucket: string, names: string[]): Promise<StoredObject[]> {
    const removed: StoredObject[] = [];
    for (const name of new Set(names)) {
      const object = this.find(bucket, name);
      if (!object) continue;
      this.objects.delete(`${bucket}/${name}`);
      await rm(object.file, { force: true });
      removed.push(object);
    }
    return removed;
  }
}

/** An object as Storage's object rows serialise it (delete and copy answers). */
export const toObjectRow = (object: StoredObject) => ({
  id: object.id,
  name: object.name,
  bucket_id: object.bucket,
  owner: '',
  version: object.version,
  created_at: object.createdAt.toISOString(),
  updated_at: object.updatedAt.toISOString(),
  last_accessed_at: object.updatedAt.toISOString(),
  metadata: {
    eTag: `"${object.version}"`,
    size: object.size,
    mimetype: object.mimetype,
    cacheControl: object.cacheControl,
    lastModified: object.updatedAt.toISOString(),
    contentLength: object.size,
    httpStatusCode: 200,
  },
});
