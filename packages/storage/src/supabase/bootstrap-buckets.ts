import { BUCKETS, MEDIA_MIME_TYPES, StorageError, type TBucket } from '@mediashare/core';
import type { Bucket, StorageClient } from '@supabase/storage-js';
import { isConflictError, isMissingBucketError, isTooLargeError, toStorageError } from './storage-errors';
import { connectSupabase, type SupabaseConnectionOptions } from './supabase-connection';

export interface BucketSettings {
  public: boolean;
  fileSizeLimit: number;
  allowedMimeTypes: string[];
}

/** Originals are private (the API streams them to their owner); community copies are public. */
export const mediaBucketSettings = (maxUploadBytes: number): Record<TBucket, BucketSettings> => ({
  [BUCKETS.userMedia]: { public: false, fileSizeLimit: maxUploadBytes, allowedMimeTypes: [...MEDIA_MIME_TYPES] },
  [BUCKETS.general]: { public: true, fileSizeLimit: maxUploadBytes, allowedMimeTypes: [...MEDIA_MIME_TYPES] },
});

export interface BucketReport {
  bucket: string;
  action: 'created' | 'updated' | 'unchanged';
  /** Human-readable, one per setting: `public: false -> true`. */
  changes: string[];
}

const describeTypes = (types: readonly string[] | null | undefined) => (types?.length ? [...types].sort().join(', ') : 'any');
const describeLimit = (limit: number | null | undefined) => (limit ? `${limit} bytes` : 'none');

const differences = (bucket: Bucket | undefined, wanted: BucketSettings): string[] => {
  const changes: string[] = [];
  const change = (label: string, from: string, to: string) => {
    if (from !== to) changes.push(bucket ? `${label}: ${from} -> ${to}` : `${label}: ${to}`);
  };
  change('public', bucket ? String(bucket.public) : '', String(wanted.public));
  change('file size limit', bucket ? describeLimit(bucket.file_size_limit) : '', describeLimit(wanted.fileSizeLimit));
  change('allowed MIME types', bucket ? describeTypes(bucket.allowed_mime_types) : '', describeTypes(wanted.allowedMimeTypes));
  return changes;
};

const findBucket = async (client: StorageClient, id: string): Promise<Bucket | undefined> => {
  const { data, error } = await client.getBucket(id);
  if (error && isMissingBucketError(error)) return undefined;
  if (error) throw toStorageError(error, `read bucket ${id}`);
  return data;
};

/**
 * Storage refuses a bucket limit above the project's global file size limit with its "object too large" error,
 * which says nothing about either setting. The operator needs to know which two numbers disagree.
 */
export class BucketLimitAboveProjectError extends StorageError {
  constructor(
    readonly bucket: string,
    readonly fileSizeLimit: number,
    cause: unknown,
  ) {
    super(
      `Supabase refused a file size limit of ${fileSizeLimit} bytes for the bucket ${bucket}: it is above the ` +
        `project's global file size limit (50 MB on a new project). Raise the global limit to at least ` +
        `${fileSizeLimit} bytes (hosted: Dashboard > Storage > Settings > "Global file size limit", up to what ` +
        `the plan allows; self-hosted: FILE_SIZE_LIMIT of the storage server), or lower MAX_UPLOAD_BYTES to at ` +
        `most the project's limit, then run this again.`,
      { cause },
    );
    this.name = 'BucketLimitAboveProjectError';
  }
}

const failure = (error: unknown, action: string, id: string, wanted: BucketSettings) =>
  isTooLargeError(error) ? new BucketLimitAboveProjectError(id, wanted.fileSizeLimit, error) : toStorageError(error, action);

const reconcileBucket = async (client: StorageClient, id: string, wanted: BucketSettings): Promise<BucketReport> => {
  const settings = { public: wanted.public, fileSizeLimit: wanted.fileSizeLimit, allowedMimeTypes: wanted.allowedMimeTypes };
  let existing = await findBucket(client, id);
  if (!existing) {
    const { error } = await client.createBucket(id, settings);
    if (!error) return { bucket: id, action: 'created', changes: differences(undefined, wanted) };
    // Another process created it between our look and our create: settle it like any existing bucket.
    if (!isConflictError(error)) throw failure(error, `create bucket ${id}`, id, wanted);
    existing = await findBucket(client, id);
  }
  const changes = differences(existing, wanted);
  if (changes.length === 0) return { bucket: id, action: 'unchanged', changes };
  const { error } = await client.updateBucket(id, settings);
  if (error) throw failure(error, `update bucket ${id}`, id, wanted);
  return { bucket: id, action: 'updated', changes };
};

/**
 * Makes the project's buckets match what the product needs: creates the missing ones and corrects the
 * settings of the others. Safe to run any number of times; the report says what it changed.
 */
export const bootstrapBuckets = async (
  options: SupabaseConnectionOptions & { maxUploadBytes: number },
): Promise<BucketReport[]> => {
  const { client } = connectSupabase(options);
  const reports: BucketReport[] = [];
  for (const [id, wanted] of Object.entries(mediaBucketSettings(options.maxUploadBytes))) {
    reports.push(await reconcileBucket(client, id, wanted));
  }
  return reports;
};
