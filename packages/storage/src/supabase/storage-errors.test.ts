import { StorageError, StorageNotFoundError } from '@mediashare/core';
import { StorageApiError, StorageUnknownError } from '@supabase/storage-js';
import { describe, expect, it } from 'vitest';
import { isConflictError, isMissingBucketError, readApiError, toStorageError } from './storage-errors';

const target = { bucket: 'general', key: 'a/b.png' };

describe('toStorageError', () => {
  it.each([
    ['the legacy envelope (HTTP 400, statusCode "404")', new StorageApiError('Object not found', 400, '404')],
    ['a plain HTTP 404', new StorageApiError('Not Found', 404, '404')],
    ['a code-only body', new StorageApiError('The specified key does not exist', 400, 'NoSuchKey')],
    ['the message alone', new StorageApiError('Object not found', 400, '400')],
  ])('maps %s to StorageNotFoundError for the object asked about', (_label, error) => {
    const mapped = toStorageError(error, 'read general/a/b.png', target);
    expect(mapped).toBeInstanceOf(StorageNotFoundError);
    expect(mapped.message).toBe('Object not found: general/a/b.png');
  });

  it('keeps not-found an error where no object was asked about (writes, bucket calls)', () => {
    const mapped = toStorageError(new StorageApiError('Object not found', 400, '404'), 'write general/a/b.png');
    expect(mapped).not.toBeInstanceOf(StorageNotFoundError);
    expect(mapped).toBeInstanceOf(StorageError);
  });

  it('never reads a missing bucket as a missing object', () => {
    const error = new StorageApiError('Bucket not found', 400, '404');
    const mapped = toStorageError(error, 'read general/a/b.png', target);
    expect(mapped).not.toBeInstanceOf(StorageNotFoundError);
    expect(mapped.message).toMatch(/storage:bootstrap/);
    expect(isMissingBucketError(error)).toBe(true);
  });

  it('wraps every other failure in a StorageError with the cause and the statuses', () => {
    const error = new StorageApiError('invalid signature', 400, '403');
    const mapped = toStorageError(error, 'inspect general/a/b.png', target);
    expect(mapped).toBeInstanceOf(StorageError);
    expect(mapped).not.toBeInstanceOf(StorageNotFoundError);
    expect(mapped.message).toBe('Supabase Storage could not inspect general/a/b.png: invalid signature [400/403]');
    expect(mapped.cause).toBe(error);
  });

  it('unwraps what storage-js wrapped: our own timeout stays as it is, a network failure names its cause', () => {
    const timeout = new StorageError('Supabase Storage made no progress for 10 ms');
    expect(toStorageError(new StorageUnknownError('x', timeout), 'read x')).toBe(timeout);
    const network = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    const mapped = toStorageError(new StorageUnknownError('fetch failed', network), 'read x', target);
    expect(mapped).not.toBeInstanceOf(StorageNotFoundError);
    expect(mapped.message).toBe('Supabase Storage could not read x: fetch failed (connect ECONNREFUSED 127.0.0.1:1)');
  });

  it('recognises conflicts in both envelopes', () => {
    expect(isConflictError(new StorageApiError('The resource already exists', 400, '409'))).toBe(true);
    expect(isConflictError(new StorageApiError('Conflict', 409, '409'))).toBe(true);
    expect(isConflictError(new StorageApiError('Bucket not found', 400, '404'))).toBe(false);
  });
});

describe('readApiError', () => {
  it('reads the status from the body as storage-js does, and falls back to HTTP for other bodies', async () => {
    const legacy = await readApiError(
      new Response(JSON.stringify({ statusCode: '404', error: 'not_found', message: 'Object not found' }), { status: 400 }),
    );
    expect([legacy.status, legacy.statusCode, legacy.message]).toEqual([400, '404', 'Object not found']);
    const gateway = await readApiError(
      new Response('upstream connect error', { status: 503, statusText: 'Service Unavailable' }),
    );
    expect([gateway.status, gateway.statusCode, gateway.message]).toEqual([503, '503', 'upstream connect error']);
  });
});
