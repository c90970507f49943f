import type { Readable } from 'node:stream';

/** The two buckets of the product: private originals and public community copies. */
export const BUCKETS = { userMedia: 'user-media', general: 'general' } as const;
export type TBucket = (typeof BUCKETS)[keyof typeof BUCKETS];

export interface ObjectInfo {
  size: number;
  contentType: string;
}

/** Inclusive byte range, as HTTP Range counts. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface ObjectBody extends ObjectInfo {
  stream: Readable;
  range?: ByteRange;
}

export interface PutOptions {
  contentType: string;
}

/**
 * Where bytes live. Every driver (local filesystem, Supabase Storage) passes the same contract suite:
 * writes land whole or not at all, keys never leave their bucket, a missing object is a
 * StorageNotFoundError, and delete is idempotent.
 */
export interface StoragePort {
  put(bucket: TBucket, key: string, body: Readable | Uint8Array, options: PutOptions): Promise<ObjectInfo>;
  get(bucket: TBucket, key: string, options?: { range?: ByteRange }): Promise<ObjectBody>;
  stat(bucket: TBucket, key: string): Promise<ObjectInfo | null>;
  delete(bucket: TBucket, key: string): Promise<void>;
  /** Server-side copy where the store has one; a stream otherwise. */
  copy(from: { bucket: TBucket; key: string }, to: { bucket: TBucket; key: string }): Promise<ObjectInfo>;
  /** Where anyone can fetch an object of a public bucket. */
  publicUrl(bucket: TBucket, key: string): string;
  /** Removes what writes that never finished left behind, where the driver keeps such things. */
  removeIncomplete?(olderThan: Date): Promise<number>;
}

export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export class StorageNotFoundError extends StorageError {
  constructor(bucket: string, key: string) {
    super(`Object not found: ${bucket}/${key}`);
    this.name = 'StorageNotFoundError';
  }
}

/** A key that is empty, absolute, or would leave its bucket (`..`, backslashes, NUL, ...). */
export class InvalidKeyError extends StorageError {
  constructor(key: string) {
    super(`Invalid object key: ${JSON.stringify(key)}`);
    this.name = 'InvalidKeyError';
  }
}
