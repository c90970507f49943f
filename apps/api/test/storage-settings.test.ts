import { BUCKETS } from '@mediashare/core';
import { driverFor, startStandInWithBuckets, type SupabaseStandIn } from '@mediashare/storage/stand-in';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStorage } from '../src/bootstrap';
import { parseEnv } from '../src/env';
import { createUser, uploadFile } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness } from './support/harness';
import { call } from './support/http';

// The Supabase driver as the API builds it from its settings, against the stand-in Storage server.
let standIn: SupabaseStandIn;
beforeAll(async () => {
  standIn = await startStandInWithBuckets();
});
afterAll(() => standIn.close());

const supabaseEnv = (settings: Record<string, string> = {}) =>
  parseEnv({
    STORAGE_DRIVER: 'supabase',
    SUPABASE_URL: standIn.url,
    SUPABASE_SERVICE_ROLE_KEY: standIn.serviceKey,
    ...settings,
  });

describe('SUPABASE_PUBLIC_URL', () => {
  it('is where community URLs point, while the API keeps talking to SUPABASE_URL', async () => {
    const storage = createStorage(supabaseEnv({ SUPABASE_PUBLIC_URL: 'https://media.example.com/' }));
    const h = await createHarness({ storage });
    try {
      const user = await createUser(h.app);
      const { body: item } = await uploadFile(h.app, user, await makeImage('png'), 'sunset.png');
      const res = await call(h.app, `/api/media/${item.id}/share`, {
        json: { tags: ['night'], policyAgreed: true },
        cookie: user.cookie,
      });
      expect(res.status).toBe(200);
      expect(res.body.communityUrl).toMatch(/^https:\/\/media\.example\.com\/storage\/v1\/object\/public\/general\/.+\.png$/);
      const feed = await call(h.app, `/api/community/${res.body.communityMediaId}`);
      expect(feed.body.url).toBe(res.body.communityUrl);
      // The copy was made through SUPABASE_URL (the stand-in), at the key the public URL names.
      const key = decodeURIComponent(new URL(res.body.communityUrl).pathname.split('/public/general/')[1]!);
      expect(standIn.store.find('general', key)).toBeDefined();
    } finally {
      await h.close();
    }
  });

  it('defaults to SUPABASE_URL', () => {
    expect(createStorage(supabaseEnv()).publicUrl(BUCKETS.general, 'a b.png')).toBe(
      `${standIn.url}/storage/v1/object/public/general/a%20b.png`,
    );
  });

  it('must be a URL', () => {
    expect(() => supabaseEnv({ SUPABASE_PUBLIC_URL: 'media.example.com' })).toThrow(/SUPABASE_PUBLIC_URL/);
  });
});

describe('PUBLIC_CACHE_SECONDS on Supabase', () => {
  const publicCacheControl = async (settings: Record<string, string>, key: string) => {
    const storage = createStorage(supabaseEnv(settings));
    await storage.put(BUCKETS.general, key, await makeImage('png'), { contentType: 'image/png' });
    const res = await fetch(storage.publicUrl(BUCKETS.general, key));
    await res.arrayBuffer();
    return res.headers.get('cache-control');
  };

  it('is the cache lifetime of every upload: 300 s unless set', async () => {
    expect(await publicCacheControl({}, 'default-0a1b2c3d.png')).toBe('max-age=300');
    expect(await publicCacheControl({ PUBLIC_CACHE_SECONDS: '45' }, 'short-0a1b2c3d.png')).toBe('max-age=45');
  });

  it('carries over to server-side community copies', async () => {
    const storage = createStorage(supabaseEnv({ PUBLIC_CACHE_SECONDS: '60' }));
    await storage.put(BUCKETS.userMedia, '1/clip.mp4', Buffer.from('not really a video'), { contentType: 'video/mp4' });
    await storage.copy({ bucket: BUCKETS.userMedia, key: '1/clip.mp4' }, { bucket: BUCKETS.general, key: 'clip-0a1b2c3d.mp4' });
    expect(standIn.store.find('general', 'clip-0a1b2c3d.mp4')?.cacheControl).toBe('max-age=60');
  });

  it('refuses what is not a whole number of seconds', () => {
    for (const bad of ['-1', '1.5', 'soon'])
      expect(() => supabaseEnv({ PUBLIC_CACHE_SECONDS: bad })).toThrow(/PUBLIC_CACHE_SECONDS/);
  });
});

describe('SUPABASE_DEADLINE_MS and SUPABASE_COPY_DEADLINE_MS', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('bound what one storage operation waits for a Storage server that does not answer', async () => {
    const storage = createStorage(supabaseEnv({ SUPABASE_DEADLINE_MS: '2000', SUPABASE_COPY_DEADLINE_MS: '7000' }));
    await driverFor(standIn).put(BUCKETS.userMedia, '1/hung.png', await makeImage('png'), { contentType: 'image/png' });
    standIn.inject({ type: 'hang' }, { path: /^\/object\/(info|copy)/, times: 20 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const outcomes = [
      storage.stat(BUCKETS.userMedia, '1/hung.png'),
      storage.copy({ bucket: BUCKETS.userMedia, key: '1/hung.png' }, { bucket: BUCKETS.general, key: 'hung-0a1b2c3d.png' }),
    ].map((operation) =>
      operation.then(
        () => 'answered',
        (error: Error) => error.message,
      ),
    );
    const [stat, copy] = outcomes;
    await vi.advanceTimersByTimeAsync(2000);
    expect(await stat).toMatch(/^Supabase Storage did not answer within 2000 ms/);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await copy).toMatch(/^Supabase Storage did not answer within 7000 ms/);
  });
});
