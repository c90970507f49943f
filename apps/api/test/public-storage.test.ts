import { BUCKETS } from '@mediashare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('public bucket files', () => {
  it('serves general-bucket objects with the stored type, nosniff and a short cache lifetime', async () => {
    const png = await makeImage('png');
    // Stored with a type that differs from what the extension says: the stored one must win.
    await h.deps.storage.put(BUCKETS.general, 'shots/sunset-0a1b2c3d.bin', png, { contentType: 'image/png' });
    const url = h.deps.storage.publicUrl(BUCKETS.general, 'shots/sunset-0a1b2c3d.bin');
    expect(url).toBe('http://localhost:3000/storage/v1/object/public/general/shots/sunset-0a1b2c3d.bin');

    const res = await call(h.app, new URL(url).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // PUBLIC_CACHE_SECONDS, 300 by default: an unpublished copy must not live on in caches for long.
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(Buffer.from(await res.raw.arrayBuffer()).equals(png)).toBe(true);

    const ranged = await call(h.app, new URL(url).pathname, { headers: { range: 'bytes=0-3' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.raw.arrayBuffer()).equals(png.subarray(0, 4))).toBe(true);
    // A range past the end is refused as the spec says, with the size to ask again.
    const past = await call(h.app, new URL(url).pathname, { headers: { range: `bytes=${png.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${png.length}`);
  });

  it('never serves the private bucket', async () => {
    await h.deps.storage.put(BUCKETS.userMedia, '1/uploads/secret.png', await makeImage('png'), { contentType: 'image/png' });
    const res = await call(h.app, '/storage/v1/object/public/user-media/1/uploads/secret.png');
    expect(res.status).toBe(404);
  });

  it.each([
    '/storage/v1/object/public/general/../user-media/1/uploads/secret.png',
    '/storage/v1/object/public/general/%2e%2e/user-media/1/uploads/secret.png',
    '/storage/v1/object/public/general/..%2fuser-media%2f1%2fuploads%2fsecret.png',
    '/storage/v1/object/public/general/..%5cuser-media%5c1%5cuploads%5csecret.png',
    '/storage/v1/object/public/general/%E0%A4%A',
    '/storage/v1/object/public/general/missing.png',
    '/storage/v1/object/public/general/%00',
    // Names longer than a filesystem allows (255 bytes): the hostile-input benchmark found them answering 500.
    `/storage/v1/object/public/general/${'a'.repeat(600)}`,
    `/storage/v1/object/public/general/${'a'.repeat(600)}/b.png`,
    `/storage/v1/object/public/general/shots/${'a'.repeat(300)}.png`,
    '/storage/v1/object/public/general/a%00b.png.webp',
    '/storage/v1/object/public/general/a%0Ab.png',
    '/storage/v1/object/public/general',
  ])('answers 404 for %s', async (path) => {
    await h.deps.storage.put(BUCKETS.userMedia, '1/uploads/secret.png', await makeImage('png'), { contentType: 'image/png' });
    // Folders that exist, so a name is looked up where it would be.
    await h.deps.storage.put(BUCKETS.general, 'shots/present.png', await makeImage('png'), { contentType: 'image/png' });
    const res = await call(h.app, path);
    expect(res.status).toBe(404);
  });
});

describe('PUBLIC_CACHE_SECONDS', () => {
  it.each([
    ['30', 'public, max-age=30'],
    ['0', 'no-cache'],
  ])('%s makes the public route send Cache-Control: %s', async (seconds, header) => {
    // Another API process with its own setting, sharing this one's database and image service.
    const own = await createHarness({ env: { PUBLIC_CACHE_SECONDS: seconds }, database: h.deps.db, watermark: h.deps.watermark });
    try {
      await own.deps.storage.put(BUCKETS.general, 'a-0a1b2c3d.png', await makeImage('png'), { contentType: 'image/png' });
      const res = await call(own.app, '/storage/v1/object/public/general/a-0a1b2c3d.png');
      expect([res.status, res.headers.get('cache-control')]).toEqual([200, header]);
    } finally {
      await own.close();
    }
  });
});
