import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { BUCKETS, StorageError, StorageNotFoundError } from '@mediashare/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { bootstrapBuckets, DEFAULT_PUBLIC_CACHE_SECONDS, SupabaseStorage } from '../src';
import { storageContract } from './contract';
import { driverFor, startStandInWithBuckets } from './supabase-fixtures';
import { startSupabaseStandIn, type SupabaseStandIn } from './supabase-stand-in';

storageContract('supabase (stand-in)', async () => {
  const standIn = await startStandInWithBuckets();
  return { storage: driverFor(standIn), fetchPublic: (url) => fetch(url), close: standIn.close };
});

// Against a real project the buckets must exist already (`pnpm storage:bootstrap`); its upload limit must allow
// the large-object test (SUPABASE_CONTRACT_LARGE_BYTES lowers it for the 50 MB limit of free projects).
const real = { url: process.env.SUPABASE_URL, serviceKey: process.env.SUPABASE_SERVICE_ROLE_KEY };
describe.skipIf(!real.url || !real.serviceKey)('the real Supabase project in SUPABASE_URL', () => {
  storageContract('supabase (real project)', async () => ({
    storage: new SupabaseStorage({ url: real.url!, serviceKey: real.serviceKey! }),
    fetchPublic: (url) => fetch(url),
    largeBytes: Number(process.env.SUPABASE_CONTRACT_LARGE_BYTES) || undefined,
  }));
});

describe('SupabaseStorage on the Storage API', () => {
  let standIn: SupabaseStandIn;
  let storage: SupabaseStorage;
  const bytes = randomBytes(4096);

  beforeEach(async () => {
    standIn = await startStandInWithBuckets();
    storage = driverFor(standIn);
    await storage.put(BUCKETS.userMedia, 'u1/clip.mp4', bytes, { contentType: 'video/mp4' });
  });
  afterEach(() => standIn.close());

  it('sends the service key as bearer token and as apikey on every call, downloads included', async () => {
    const seen = standIn.requests.length;
    await storage.stat(BUCKETS.userMedia, 'u1/clip.mp4');
    await buffer((await storage.get(BUCKETS.userMedia, 'u1/clip.mp4')).stream);
    await storage.copy({ bucket: BUCKETS.userMedia, key: 'u1/clip.mp4' }, { bucket: BUCKETS.general, key: 'c/clip.mp4' });
    await storage.delete(BUCKETS.general, 'c/clip.mp4');
    const calls = standIn.requests.slice(seen);
    expect(calls.map((call) => `${call.method} ${call.path.split('/').slice(0, 3).join('/')}`)).toEqual([
      'GET /object/info',
      'GET /object/authenticated',
      'POST /object/copy',
      'GET /object/info',
      'DELETE /object/general',
    ]);
    for (const call of calls) {
      expect(call.headers.authorization).toBe(`Bearer ${standIn.serviceKey}`);
      expect(call.headers.apikey).toBe(standIn.serviceKey);
    }
  });

  it('a rejected key is an error, never an empty answer or a missing object', async () => {
    const wrong = driverFor(standIn, { serviceKey: 'not-the-service-key' });
    const failure = await wrong.stat(BUCKETS.userMedia, 'u1/clip.mp4').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect(failure).not.toBeInstanceOf(StorageNotFoundError);
    expect((failure as Error).message).toMatch(/403/);
    await expect(wrong.get(BUCKETS.userMedia, 'u1/clip.mp4')).rejects.not.toBeInstanceOf(StorageNotFoundError);
    await expect(wrong.put(BUCKETS.userMedia, 'u1/x.mp4', bytes, { contentType: 'video/mp4' })).rejects.toBeInstanceOf(
      StorageError,
    );
  });

  it('maps "Object not found" (HTTP 400, statusCode "404") to StorageNotFoundError naming the object', async () => {
    const missing = await storage.get(BUCKETS.userMedia, 'u1/none.mp4').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(StorageNotFoundError);
    expect((missing as Error).message).toBe('Object not found: user-media/u1/none.mp4');
  });

  it('a missing bucket is a deployment error pointing at the bootstrap, not a missing object', async () => {
    const bare = await startSupabaseStandIn();
    try {
      const unprepared = driverFor(bare);
      const failure = await unprepared.stat(BUCKETS.general, 'a.png').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StorageError);
      expect(failure).not.toBeInstanceOf(StorageNotFoundError);
      expect((failure as Error).message).toMatch(/Bucket not found.*storage:bootstrap/);
      await expect(unprepared.put(BUCKETS.general, 'a.png', bytes, { contentType: 'image/png' })).rejects.toThrow(
        /storage:bootstrap/,
      );
    } finally {
      await bare.close();
    }
  });

  it("surfaces the bucket's refusal of a type it does not allow", async () => {
    await expect(storage.put(BUCKETS.general, 'page.html', Buffer.from('<p>'), { contentType: 'text/html' })).rejects.toThrow(
      /mime type text\/html is not supported/,
    );
    expect(await storage.stat(BUCKETS.general, 'page.html')).toBeNull();
  });

  it('overwrites an existing key, as the local driver does', async () => {
    const next = randomBytes(10);
    await storage.put(BUCKETS.userMedia, 'u1/clip.mp4', next, { contentType: 'video/webm' });
    expect(await storage.stat(BUCKETS.userMedia, 'u1/clip.mp4')).toEqual({ size: 10, contentType: 'video/webm' });
  });

  it('copies over an existing destination, so a copy retried after a lost answer cannot conflict', async () => {
    const from = { bucket: BUCKETS.userMedia, key: 'u1/clip.mp4' };
    const to = { bucket: BUCKETS.general, key: 'c/clip.mp4' };
    await storage.copy(from, to);
    expect(await storage.copy(from, to)).toEqual({ size: bytes.length, contentType: 'video/mp4' });
    expect(standIn.requests.filter((r) => r.path === '/object/copy').map((r) => r.headers['x-upsert'])).toEqual(['true', 'true']);
  });

  it('serves byte ranges with the whole size, via an HTTP Range header', async () => {
    const seen = standIn.requests.length;
    for (const range of [
      { start: 0, end: 0 },
      { start: 100, end: 2047 },
      { start: 4095, end: 4095 },
    ]) {
      const part = await storage.get(BUCKETS.userMedia, 'u1/clip.mp4', { range });
      expect(part).toMatchObject({ size: 4096, contentType: 'video/mp4', range });
      expect((await buffer(part.stream)).equals(bytes.subarray(range.start, range.end + 1))).toBe(true);
    }
    expect(standIn.requests.slice(seen).map((r) => r.headers.range)).toEqual(['bytes=0-0', 'bytes=100-2047', 'bytes=4095-4095']);
  });

  it('refuses a range outside the object, which is not the same as a missing object', async () => {
    for (const range of [
      { start: 4000, end: 4096 },
      { start: 5000, end: 5001 },
      { start: 10, end: 5 },
    ]) {
      const failure = await storage.get(BUCKETS.userMedia, 'u1/clip.mp4', { range }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StorageError);
      expect(failure).not.toBeInstanceOf(StorageNotFoundError);
    }
    await expect(storage.get(BUCKETS.userMedia, 'u1/none.mp4', { range: { start: 0, end: 1 } })).rejects.toBeInstanceOf(
      StorageNotFoundError,
    );
  });

  it('public URLs work for the public bucket only', async () => {
    await storage.put(BUCKETS.general, 'c/pic-0a1b2c3d.png', bytes, { contentType: 'image/png' });
    const open = await fetch(storage.publicUrl(BUCKETS.general, 'c/pic-0a1b2c3d.png'));
    expect(open.status).toBe(200);
    await open.arrayBuffer();
    expect(storage.publicUrl(BUCKETS.general, 'c/pic-0a1b2c3d.png')).toBe(
      `${standIn.url}/storage/v1/object/public/general/c/pic-0a1b2c3d.png`,
    );

    const closed = await fetch(storage.publicUrl(BUCKETS.userMedia, 'u1/clip.mp4'));
    expect(closed.status).toBe(400);
    expect(await closed.json()).toEqual({
      statusCode: '404',
      code: 'NoSuchBucket',
      error: 'Bucket not found',
      message: 'Bucket not found',
    });
  });
});

describe('public copies: where browsers find them and how long they may keep them', () => {
  let standIn: SupabaseStandIn;
  beforeEach(async () => {
    standIn = await startStandInWithBuckets();
  });
  afterEach(() => standIn.close());

  const served = async (key: string) => {
    const res = await fetch(`${standIn.url}/storage/v1/object/public/general/${key}`);
    await res.arrayBuffer();
    return [res.status, res.headers.get('cache-control')];
  };

  it('uploads with a short cache lifetime, 300 s unless told otherwise, and copies keep it', async () => {
    expect(DEFAULT_PUBLIC_CACHE_SECONDS).toBeLessThanOrEqual(300);
    const storage = driverFor(standIn);
    await storage.put(BUCKETS.general, 'a-0a1b2c3d.png', randomBytes(100), { contentType: 'image/png' });
    expect(await served('a-0a1b2c3d.png')).toEqual([200, `max-age=${DEFAULT_PUBLIC_CACHE_SECONDS}`]);
    const brief = driverFor(standIn, { publicCacheSeconds: 20 });
    await brief.put(BUCKETS.userMedia, 'u1/clip.mp4', randomBytes(100), { contentType: 'video/mp4' });
    await brief.copy({ bucket: BUCKETS.userMedia, key: 'u1/clip.mp4' }, { bucket: BUCKETS.general, key: 'clip-0a1b2c3d.mp4' });
    expect(await served('clip-0a1b2c3d.mp4')).toEqual([200, 'max-age=20']);
  });

  it('hands out public URLs on publicUrl, for a project the API reaches at another address', async () => {
    const storage = driverFor(standIn, { publicUrl: 'https://media.example.com/' });
    expect(storage.publicUrl(BUCKETS.general, 'c/pic 1.png')).toBe(
      'https://media.example.com/storage/v1/object/public/general/c/pic%201.png',
    );
    // Everything else still goes to url.
    await storage.put(BUCKETS.general, 'c/pic 1.png', randomBytes(10), { contentType: 'image/png' });
    expect(standIn.store.find('general', 'c/pic 1.png')).toBeDefined();
  });
});

describe('size limits, as Supabase Storage enforces them', () => {
  const PROJECT_LIMIT = 64 * 1024;
  const BUCKET_LIMIT = 32 * 1024;
  let standIn: SupabaseStandIn;
  let storage: SupabaseStorage;
  const uploads = (key: string) => standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith(key));
  const bucketCall = (method: string, path: string, body: unknown) =>
    fetch(`${standIn.url}/storage/v1/bucket${path}`, {
      method,
      headers: { authorization: `Bearer ${standIn.serviceKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeEach(async () => {
    standIn = await startSupabaseStandIn({ fileSizeLimit: PROJECT_LIMIT });
    await bootstrapBuckets({ url: standIn.url, serviceKey: standIn.serviceKey, maxUploadBytes: BUCKET_LIMIT });
    storage = driverFor(standIn);
  });
  afterEach(() => standIn.close());

  it("refuses a bucket limit above the project's global one, as too large an object (legacy HTTP 400)", async () => {
    const tooLarge = {
      statusCode: '413',
      code: 'EntityTooLarge',
      error: 'Payload too large',
      message: 'The object exceeded the maximum allowed size',
    };
    for (const [method, path, body] of [
      ['POST', '', { name: 'big', file_size_limit: '1MB' }],
      ['POST', '', { name: 'big', file_size_limit: PROJECT_LIMIT + 1 }],
      ['PUT', '/general', { file_size_limit: PROJECT_LIMIT + 1 }],
    ] as const) {
      const res = await bucketCall(method, path, body);
      expect([res.status, await res.json()]).toEqual([400, tooLarge]);
    }
    expect(standIn.store.buckets.has('big')).toBe(false);
    expect(standIn.store.buckets.get('general')!.file_size_limit).toBe(BUCKET_LIMIT);
    expect((await bucketCall('PUT', '/general', { file_size_limit: PROJECT_LIMIT })).status).toBe(200);
  });

  it('bytes in memory are sent with their length, so the bucket limit refuses them before they are read', async () => {
    await expect(
      storage.put(BUCKETS.general, 'big.png', randomBytes(BUCKET_LIMIT + 1), { contentType: 'image/png' }),
    ).rejects.toThrow(/The object exceeded the maximum allowed size \[400\/413\]/);
    expect(await storage.stat(BUCKETS.general, 'big.png')).toBeNull();
    await storage.put(BUCKETS.general, 'fits.png', randomBytes(BUCKET_LIMIT), { contentType: 'image/png' });
    expect(uploads('big.png').map((r) => r.headers['content-length'])).toEqual([String(BUCKET_LIMIT + 1)]);
    expect(uploads('fits.png').map((r) => r.headers['content-length'])).toEqual([String(BUCKET_LIMIT)]);
  });

  it("holds the project's limit for a bucket that has none", async () => {
    standIn.store.buckets.get('general')!.file_size_limit = null;
    await expect(
      storage.put(BUCKETS.general, 'big.png', randomBytes(PROJECT_LIMIT + 1), { contentType: 'image/png' }),
    ).rejects.toThrow(/exceeded the maximum allowed size/);
    await storage.put(BUCKETS.general, 'fits.png', randomBytes(PROJECT_LIMIT), { contentType: 'image/png' });
  });

  it('takes a streamed upload (no Content-Length) past every limit, as Supabase does: MAX_UPLOAD_BYTES is the guard', async () => {
    const bytes = randomBytes(2 * PROJECT_LIMIT);
    expect(await storage.put(BUCKETS.userMedia, 'u1/big.mp4', Readable.from([bytes]), { contentType: 'video/mp4' })).toEqual({
      size: bytes.length,
      contentType: 'video/mp4',
    });
    expect(uploads('u1/big.mp4').map((r) => [r.headers['content-length'], r.headers['transfer-encoding']])).toEqual([
      [undefined, 'chunked'],
    ]);
  });
});
