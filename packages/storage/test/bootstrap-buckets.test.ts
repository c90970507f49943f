import { StorageError } from '@mediashare/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEDIA_MIME_TYPES } from '@mediashare/core';
import { bootstrapBuckets } from '../src';
import { startSupabaseStandIn, type SupabaseStandIn } from './supabase-stand-in';

const LIMIT = 2 * 1024 ** 3;

describe('bootstrapBuckets', () => {
  let standIn: SupabaseStandIn;
  const run = (serviceKey = standIn.serviceKey) =>
    bootstrapBuckets({ url: standIn.url, serviceKey, maxUploadBytes: LIMIT, retryBaseDelayMs: 1 });

  beforeEach(async () => {
    standIn = await startSupabaseStandIn();
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
