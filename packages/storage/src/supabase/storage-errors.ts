import { StorageError, StorageNotFoundError } from '@mediashare/core';
import { StorageApiError, StorageUnknownError } from '@supabase/storage-js';

interface ErrorBody {
  statusCode?: string | number;
  code?: string;
  error?: string;
  message?: string;
}

/** The error of a response storage-js did not handle (downloads, info): the same shape storage-js builds. */
export const readApiError = async (response: Response): Promise<StorageApiError> => {
  const text = await response.text().catch(() => '');
  let body: ErrorBody | undefined;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    body = undefined;
  }
  const message = body?.message ?? body?.error ?? (text || response.statusText || `HTTP ${response.status}`);
  return new StorageApiError(message, response.status, String(body?.statusCode ?? body?.code ?? response.status));
};

// A missing bucket is a deployment mistake, not a missing object: it must not turn reads into "not found".
const isMissingBucket = (error: StorageApiError) =>
  error.statusCode === 'NoSuchBucket' || /^bucket not found$/i.test(error.message);

export const isMissingBucketError = (error: unknown) => error instanceof StorageApiError && isMissingBucket(error);

export const isConflictError = (error: unknown) =>
  error instanceof StorageApiError && (error.status === 409 || error.statusCode === '409');

/** "The object exceeded the maximum allowed size": also what a bucket limit above the project's own gets. */
export const isTooLargeError = (error: unknown) =>
  error instanceof StorageApiError &&
  (error.status === 413 || error.statusCode === '413' || error.statusCode === 'EntityTooLarge');

// Storage answers a missing object with HTTP 400 and statusCode "404" in the body (newer code-only bodies say NoSuchKey).
const isMissingObject = (error: StorageApiError) =>
  !isMissingBucket(error) &&
  (error.status === 404 ||
    error.statusCode === '404' ||
    error.statusCode === 'NoSuchKey' ||
    /^object not found$/i.test(error.message));

const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message || error.cause.name})` : '';
  return `${error.message}${cause}`;
};

/**
 * Every failure leaves the driver as a port error, so callers behave the same on both drivers. `missing` names
 * the object a "not found" answer is about; without it (writes, bucket calls) not-found is just an error.
 */
export const toStorageError = (error: unknown, action: string, missing?: { bucket: string; key: string }): StorageError => {
  if (error instanceof StorageError) return error;
  if (error instanceof StorageUnknownError && error.originalError instanceof StorageError) return error.originalError;
  if (error instanceof StorageApiError) {
    if (missing && isMissingObject(error)) return new StorageNotFoundError(missing.bucket, missing.key);
    const hint = isMissingBucket(error) ? ' (pnpm storage:bootstrap creates the buckets)' : '';
    return new StorageError(
      `Supabase Storage could not ${action}: ${error.message} [${error.status}/${error.statusCode}]${hint}`,
      { cause: error },
    );
  }
  const detail = error instanceof StorageUnknownError ? error.originalError : error;
  return new StorageError(`Supabase Storage could not ${action}: ${describe(detail)}`, { cause: error });
};
