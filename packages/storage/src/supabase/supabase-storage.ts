import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
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
import { readApiError, toStorageError } from './storage-errors';
import { withDeadline } from './storage-fetch';
import { connectSupabase, type SupabaseConnection, type SupabaseConnectionOptions } from './supabase-connection';

export interface SupabaseStorageOptions extends SupabaseConnectionOptions {
  /**
   * The project's URL as browsers reach it, for public URLs, when the API reaches Supabase at another address
   * (an internal host name, a private network). Defaults to `url`.
   */
  publicUrl?: string;
  /**
   * How long browsers and CDNs may keep an object (its Cache-Control max-age), set on every upload. Short, because
   * a community copy that is unpublished must stop showing soon; a copy keeps the value of its original.
   */
  publicCacheSeconds?: number;
}

export const DEFAULT_PUBLIC_CACHE_SECONDS = 300;

type Target = { bucket: string; key: string };
type Outcome<T> = { data: T | null; error: unknown };

const locate = (bucket: string, key: string): Target => {
  assertBucketName(bucket);
  assertSafeKey(key);
  return { bucket, key };
};

async function* countBytes(source: Readable, count: (bytes: number) => void) {
  for await (const chunk of source) {
    count((chunk as Uint8Array).byteLength);
    yield chunk as Uint8Array;
  }
}

const parseContentRange = (header: string | null) => {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header ?? '');
  return match ? { start: Number(match[1]), end: Number(match[2]), total: Number(match[3]) } : undefined;
};

/**
 * Supabase Storage behind the storage port, on supabase-js's storage client; downloads and object info go
 * through the same resilient fetch directly, because they need response headers and Range that storage-js
 * does not expose. Writes are upserts, as on the local driver: keys are unique per upload, and an upsert makes
 * a retried write (whose first attempt landed but whose answer was lost) succeed instead of conflicting.
 */
export class SupabaseStorage implements StoragePort {
  private readonly connection: SupabaseConnection;
  private readonly publicObjectsUrl: string;
  private readonly cacheControl: string;

  constructor(options: SupabaseStorageOptions) {
    this.connection = connectSupabase(options);
    this.publicObjectsUrl = `${(options.publicUrl ?? options.url).replace(/\/+$/, '')}/storage/v1/object/public`;
    // storage-js sends it as `max-age=<value>`.
    this.cacheControl = String(options.publicCacheSeconds ?? DEFAULT_PUBLIC_CACHE_SECONDS);
  }

  private async call<T>(action: string, missing: Target | undefined, operation: () => Promise<Outcome<T>>): Promise<T> {
    let outcome: Outcome<T>;
    try {
      outcome = await operation();
    } catch (error) {
      throw toStorageError(error, action, missing);
    }
    if (outcome.error) throw toStorageError(outcome.error, action, missing);
    return outcome.data as T;
  }

  private async request(path: string, action: string, target: Target, headers: Record<string, string> = {}): Promise<Response> {
    let response: Response;
    try {
      // identity: a compressed answer would not match the Content-Length and Content-Range the port reports.
      response = await this.connection.fetch(`${this.connection.apiUrl}/${path}`, {
        headers: { ...this.connection.headers, 'accept-encoding': 'identity', ...headers },
      });
    } catch (error) {
      throw toStorageError(error, action);
    }
    if (!response.ok) throw toStorageError(await readApiError(response), action, target);
    return response;
  }

  /** One deadline for everything an operation asks of Supabase (see SupabaseConnectionOptions.deadlineMs). */
  private within<T>(kind: 'operation' | 'copy', operation: () => Promise<T>): Promise<T> {
    return withDeadline(this.connection.deadlines[kind], operation);
  }

  put(bucket: TBucket, key: string, body: Readable | Uint8Array, options: PutOptions): Promise<ObjectInfo> {
    return this.within('operation', () => this.upload(bucket, key, body, options));
  }

  private async upload(
    bucket: TBucket,
    key: string,
    body: Readable | Uint8Array,
    { contentType }: PutOptions,
  ): Promise<ObjectInfo> {
    locate(bucket, key);
    let size = body instanceof Uint8Array ? body.byteLength : 0;
    // Counted on the way through, so a streamed upload never has to be held to learn its size.
    const payload =
      body instanceof Uint8Array
        ? body
        : Readable.from(
            countBytes(body, (n) => (size += n)),
            { objectMode: false },
          );
    // When the body itself fails (a client that went away, a size limit upstream), that is the error the
    // caller must see, not the failed request it caused.
    let sourceError: unknown;
    if (body instanceof Readable) body.once('error', (error) => (sourceError ??= error));
    try {
      await this.call(`write ${bucket}/${key}`, undefined, () =>
        this.connection.client
          .from(bucket)
          .upload(encodeKey(key), payload, { contentType, upsert: true, cacheControl: this.cacheControl }),
      );
    } catch (error) {
      if (body instanceof Readable) body.destroy();
      throw sourceError ?? error;
    }
    return { size, contentType };
  }

  get(bucket: TBucket, key: string, options: { range?: ByteRange } = {}): Promise<ObjectBody> {
    // Bounds the wait for the answer; the body is then judged by its progress, as its consumer reads it.
    return this.within('operation', () => this.download(bucket, key, options));
  }

  private async download(bucket: TBucket, key: string, options: { range?: ByteRange }): Promise<ObjectBody> {
    const target = locate(bucket, key);
    const { range } = options;
    const outside = () => new StorageError(`Range ${range?.start}-${range?.end} is outside ${bucket}/${key}`);
    if (range && (range.start < 0 || range.end < range.start)) throw outside();
    const response = await this.request(
      `object/authenticated/${bucket}/${encodeKey(key)}`,
      `read ${bucket}/${key}`,
      target,
      range ? { range: `bytes=${range.start}-${range.end}` } : {},
    );
    let size: number;
    if (range) {
      // A server clamps a range that runs past the end; the port refuses it, as the local driver does.
      const served = parseContentRange(response.headers.get('content-range'));
      if (response.status !== 206 || served?.start !== range.start || served.end !== range.end) {
        await response.body?.cancel();
        throw outside();
      }
      size = served.total;
    } else {
      const length = Number(response.headers.get('content-length') ?? Number.NaN);
      const info = Number.isSafeInteger(length) ? { size: length } : await this.inspect(bucket, key);
      if (!info) {
        await response.body?.cancel();
        throw new StorageNotFoundError(bucket, key);
      }
      size = info.size;
    }
    const stream = response.body ? Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>) : Readable.from([]);
    return {
      size,
      contentType: response.headers.get('content-type') ?? contentTypeFromKey(key),
      stream,
      ...(range ? { range } : {}),
    };
  }

  stat(bucket: TBucket, key: string): Promise<ObjectInfo | null> {
    return this.within('operation', () => this.inspect(bucket, key));
  }

  private async inspect(bucket: TBucket, key: string): Promise<ObjectInfo | null> {
    const target = locate(bucket, key);
    try {
      // The authenticated info route: the plain one treats a rejected key as anonymous and says "not found".
      const response = await this.request(
        `object/info/authenticated/${bucket}/${encodeKey(key)}`,
        `inspect ${bucket}/${key}`,
        target,
      );
      const info = (await response.json()) as { size?: number | null; content_type?: string | null };
      if (typeof info.size !== 'number') throw new StorageError(`Supabase Storage reported no size for ${bucket}/${key}`);
      return { size: info.size, contentType: info.content_type ?? contentTypeFromKey(key) };
    } catch (error) {
      if (error instanceof StorageNotFoundError) return null;
      throw toStorageError(error, `inspect ${bucket}/${key}`);
    }
  }

  async delete(bucket: TBucket, key: string): Promise<void> {
    locate(bucket, key);
    // The bulk route answers 200 with what it removed, an empty list for a missing object: deletes are idempotent.
    await this.within('operation', () =>
      this.call(`delete ${bucket}/${key}`, undefined, () => this.connection.client.from(bucket).remove([key])),
    );
  }

  copy(from: { bucket: TBucket; key: string }, to: { bucket: TBucket; key: string }): Promise<ObjectInfo> {
    return this.within('copy', () => this.copyObject(from, to));
  }

  private async copyObject(from: { bucket: TBucket; key: string }, to: { bucket: TBucket; key: string }): Promise<ObjectInfo> {
    const source = locate(from.bucket, from.key);
    locate(to.bucket, to.key);
    await this.call(`copy ${from.bucket}/${from.key} to ${to.bucket}/${to.key}`, source, () =>
      this.connection.client
        .from(from.bucket)
        .setHeader('x-upsert', 'true')
        .copy(from.key, to.key, { destinationBucket: to.bucket }),
    );
    const info = await this.inspect(to.bucket, to.key);
    if (!info) throw new StorageError(`The copy ${to.bucket}/${to.key} was removed while it was being made`);
    return info;
  }

  publicUrl(bucket: TBucket, key: string): string {
    locate(bucket, key);
    return `${this.publicObjectsUrl}/${bucket}/${encodeKey(key)}`;
  }
}
