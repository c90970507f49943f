import { MEDIA_MIME_TYPES, StorageError } from '@mediashare/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BucketLimitAboveProjectError, bootstrapBuckets } from '../src';
import { DEFAULT_PROJECT_FILE_SIZE_LIMIT, startSupabaseStandIn, type SupabaseStandIn } from './supabase-stand-in';

const LIMIT = 2 * 1024 ** 3;

describe('bootstrapBuckets', () => {
  let standIn: SupabaseStandIn;
  const run = (serviceKey = standIn.serviceKey) =>
    bootstrapBuckets({ url: standIn.url, serviceKey, maxUploadBytes: LIMIT, retryBaseDelayMs: 1 });

  beforeEach(async () => {
    // A project whose global file size limit was raised to allow the buckets' limit.
    standIn = await startSupabaseStandIn({ fileSizeLimit: LIMIT });
  });
  afterEach(() => standIn.close());

  it('creates both buckets with their visibility, size limit and media types', async () => {
    const report = await run();
    expect(report.map(({ bucket, action }) => [bucket, action])).toEqual([
      ['user-media', 'created'],
      ['general', 'created'],
    ]);
    expect(report[0]!.changes).toContain('public: false');
    expect(standIn.store.buckets.get('user-media')).toMatchObject({
      public: false,
      file_size_limit: LIMIT,
      allowed_mime_types: MEDIA_MIME_TYPES,
    });
    expect(standIn.store.buckets.get('general')).toMatchObject({
      public: true,
      file_size_limit: LIMIT,
      allowed_mime_types: MEDIA_MIME_TYPES,
    });
  });

  it('changes nothing on a second run', async () => {
    await run();
    const writes = () => standIn.requests.filter((r) => r.method !== 'GET').length;
    const before = writes();
    const report = await run();
    expect(report).toEqual([
      { bucket: 'user-media', action: 'unchanged', changes: [] },
      { bucket: 'general', action: 'unchanged', changes: [] },
    ]);
    expect(writes()).toBe(before);
  });

  it('fixes a wrong public flag and leaves the right bucket alone', async () => {
    await run();
    standIn.store.buckets.get('general')!.public = false;
    const report = await run();
    expect(report).toEqual([
      { bucket: 'user-media', action: 'unchanged', changes: [] },
      { bucket: 'general', action: 'updated', changes: ['public: false -> true'] },
    ]);
    expect(standIn.store.buckets.get('general')!.public).toBe(true);
  });

  it('fixes a drifted size limit and MIME list, whatever order the types are stored in', async () => {
    await run();
    const media = standIn.store.buckets.get('user-media')!;
    media.file_size_limit = 50_000_000;
    media.allowed_mime_types = null;
    standIn.store.buckets.get('general')!.allowed_mime_types = [...MEDIA_MIME_TYPES].reverse();
    const report = await run();
    expect(report[0]).toEqual({
      bucket: 'user-media',
      action: 'updated',
      changes: [
        `file size limit: 50000000 bytes -> ${LIMIT} bytes`,
        `allowed MIME types: any -> ${[...MEDIA_MIME_TYPES].sort().join(', ')}`,
      ],
    });
    expect(report[1]!.action).toBe('unchanged');
    expect(media).toMatchObject({ file_size_limit: LIMIT, allowed_mime_types: MEDIA_MIME_TYPES });
  });

  it('settles a bucket another process created between its look and its create', async () => {
    await run();
    standIn.store.buckets.get('general')!.public = false;
    const missing = { statusCode: '404', code: 'NoSuchBucket', error: 'Bucket not found', message: 'Bucket not found' };
    standIn.inject({ type: 'status', status: 400, body: missing }, { method: 'GET', path: /^\/bucket\/general$/ });
    const report = await run();
    expect(report[1]).toEqual({ bucket: 'general', action: 'updated', changes: ['public: false -> true'] });
    expect(standIn.requests.filter((r) => r.method === 'POST' && r.path === '/bucket')).toHaveLength(3);
  });

  it('fails with a StorageError when the key is refused', async () => {
    await expect(run('wrong-key')).rejects.toBeInstanceOf(StorageError);
    expect(standIn.store.buckets.size).toBe(0);
  });
});

describe('bootstrapBuckets on a project whose global file size limit is below MAX_UPLOAD_BYTES', () => {
  let standIn: SupabaseStandIn;
  const run = (maxUploadBytes: number) =>
    bootstrapBuckets({ url: standIn.url, serviceKey: standIn.serviceKey, maxUploadBytes, retryBaseDelayMs: 1 });

  beforeEach(async () => {
    standIn = await startSupabaseStandIn();
  });
  afterEach(() => standIn.close());

  it('names the settings to change instead of passing on "The object exceeded the maximum allowed size"', async () => {
    const failure = await run(LIMIT).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BucketLimitAboveProjectError);
    expect(failure).toMatchObject({ bucket: 'user-media', fileSizeLimit: LIMIT });
    const { message } = failure as Error;
    expect(message).toMatch(`file size limit of ${LIMIT} bytes for the bucket user-media`);
    expect(message).toMatch(/Global file size limit/);
    expect(message).toMatch(/FILE_SIZE_LIMIT/);
    expect(message).toMatch(/MAX_UPLOAD_BYTES/);
    expect(standIn.store.buckets.size).toBe(0);
  });

  it('says the same when it would raise the limit of an existing bucket', async () => {
    await run(DEFAULT_PROJECT_FILE_SIZE_LIMIT);
    await expect(run(DEFAULT_PROJECT_FILE_SIZE_LIMIT + 1)).rejects.toBeInstanceOf(BucketLimitAboveProjectError);
    expect(standIn.store.buckets.get('user-media')!.file_size_limit).toBe(DEFAULT_PROJECT_FILE_SIZE_LIMIT);
  });

  it("succeeds with MAX_UPLOAD_BYTES at the project's limit", async () => {
    const report = await run(DEFAULT_PROJECT_FILE_SIZE_LIMIT);
    expect(report.map(({ action }) => action)).toEqual(['created', 'created']);
    expect(standIn.store.buckets.get('general')!.file_size_limit).toBe(DEFAULT_PROJECT_FILE_SIZE_LIMIT);
  });

  it('keeps other refusals as they are', async () => {
    const refused = { statusCode: '403', error: 'Unauthorized', message: 'new row violates row-level security policy' };
    standIn.inject({ type: 'status', status: 400, body: refused }, { method: 'POST', path: /^\/bucket$/ });
    const failure = await run(1000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect(failure).not.toBeInstanceOf(BucketLimitAboveProjectError);
    expect((failure as Error).message).toMatch(/row-level security/);
  });
});
