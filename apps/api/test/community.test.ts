import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, fileForm, uploadFile, type TestUser } from './support/factories';
import { makeImage, readFixture } from './support/fixtures';
import { createHarness, INTERNAL_TOKEN, type Harness } from './support/harness';
import { call } from './support/http';
import { share } from './support/share';
import { trpcFor } from './support/trpc-client';

// The feed is shared by every test file on PostgreSQL, so this file works in a database of its own.
let h: Harness;
let alice: TestUser;
const shared: Record<string, number> = {};

beforeAll(async () => {
  h = await createHarness({ isolated: true, env: { INTERNAL_API_TOKEN: INTERNAL_TOKEN } });
  alice = await createUser(h.app, { username: `alice${Date.now() % 100000}` });
  const add = async (name: string, tags: string[], kind: 'upload' | 'generated' | 'video' = 'upload') => {
    const res =
      kind === 'generated'
        ? await call(h.app, `/api/internal/users/${alice.id}/generated/babecock`, {
            method: 'POST',
            body: fileForm(await makeImage('png', 120, 90), `${name}.png`),
            headers: { authorization: `Bearer ${INTERNAL_TOKEN}` },
          })
        : await uploadFile(
            h.app,
            alice,
            kind === 'video' ? readFixture('clip.mp4') : await makeImage('jpeg', 160, 120),
            `${name}.${kind === 'video' ? 'mp4' : 'jpg'}`,
          );
    const out = await share(h, alice, res.body.id, { tags, policyAgreed: true });
    shared[name] = out.body.communityMediaId;
  };
  // Oldest first.
  await add('a', ['night', 'urban']);
  await add('b', ['night']);
  await add('c', ['beach', 'sunset'], 'generated');
  await add('d', ['night', 'urban', 'street']);
  await add('e', ['urban'], 'video');
  await add('f', ['night', 'urban'], 'generated');
});
afterAll(() => h.close());

const feed = async (query = '') => {
  const res = await call(h.app, `/api/community${query}`);
  expect(res.status).toBe(200);
  return res.body as { items: { id: number; tags: string[]; origin: string }[]; nextCursor: string | null };
};
const ids = (names: string) => [...names].map((n) => shared[n]);

describe('GET /api/community', () => {
  it('lists newest first with everything a card needs', async () => {
    const page = await feed();
    expect(page.items.map((i) => i.id)).toEqual(ids('fedcba'));
    expect(page.items[1]).toEqual({
      id: shared.e,
      url: expect.stringMatching(/\/storage\/v1\/object\/public\/general\/e-[0-9a-f]{8}\.mp4$/),
      mimeType: 'video/mp4',
      kind: 'video',
      width: null,
      height: null,
      // The video's poster and duration come from the rendition job, which has not run in this harness.
      durationMs: null,
      thumbnailUrl: null,
      previewUrl: null,
      placeholder: null,
      tags: ['urban'],
      origin: 'uploaded',
      source: 'upload',
      owner: { username: alice.username },
      title: null,
      caption: null,
      altText: null,
      createdAt: expect.any(String),
      mature: false,
    });
    expect(page.items[0]).toMatchObject({ origin: 'generated', source: 'babecock', width: 120, height: 90, kind: 'image' });
    expect(page.nextCursor).toBeNull();
  });

  it('pages with a keyset cursor', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await feed(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids('fedcba'));
  });

  it('filters by one tag, and by several (an item must carry all of them)', async () => {
    expect((await feed('?tags=night')).items.map((i) => i.id)).toEqual(ids('fdba'));
    expect((await feed('?tags=night,urban')).items.map((i) => i.id)).toEqual(ids('fda'));
    expect((await feed('?tags=night&tags=urban&tags=street')).items.map((i) => i.id)).toEqual(ids('d'));
    expect((await feed('?tags=beach,night')).items).toEqual([]);
    const paged = await feed('?tags=night&limit=2');
    expect(paged.items.map((i) => i.id)).toEqual(ids('fd'));
    expect((await feed(`?tags=night&limit=2&cursor=${paged.nextCursor}`)).items.map((i) => i.id)).toEqual(ids('ba'));
  });

  it('filters by origin, alone and with tags', async () => {
    expect((await feed('?origin=generated')).items.map((i) => i.id)).toEqual(ids('fc'));
    expect((await feed('?origin=uploaded')).items.map((i) => i.id)).toEqual(ids('edba'));
    expect((await feed('?origin=uploaded&tags=urban')).items.map((i) => i.id)).toEqual(ids('eda'));
  });

  it('drops an item once it is unshared from the community', async () => {
    const { body: item } = await uploadFile(h.app, alice, await makeImage('png'), 'gone.png');
    const out = await share(h, alice, item.id, { tags: ['night'], policyAgreed: true });
    expect((await feed('?tags=night')).items[0]?.id).toBe(out.body.communityMediaId);
    await share(h, alice, item.id, { shareToCommunity: false });
    expect((await feed('?tags=night')).items.map((i) => i.id)).toEqual(ids('fdba'));
  });

  it.each([
    ['?limit=0', /"limit"/],
    ['?limit=61', /"limit"/],
    ['?origin=mine', /"origin"/],
    ['?tags=Not%20A%20Slug', /"tags.0"/],
    ['?tags=a,b,c,d,e,f', /"tags"/],
    ['?tags=no-such-tag', /Unknown tag: no-such-tag/],
    ['?cursor=garbage', /Invalid cursor/],
  ])('answers %s with 400', async (query, message) => {
    const res = await call(h.app, `/api/community${query}`);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });
});

describe('GET /api/config', () => {
  it('tells clients the limits to check before sending', async () => {
    const res = await call(h.app, '/api/config');
    expect(res.body).toEqual({
      maxUploadBytes: h.deps.config.maxUploadBytes,
      maxImagePixels: 50_000_000,
      maxTagsPerMedia: 10,
      registration: 'open',
    });
    expect(await trpcFor(h.app).config.get.query()).toEqual(res.body);
  });

  it('accepts the direction tRPC infinite queries send', async () => {
    const page = await trpcFor(h.app).community.list.query({ limit: 2, direction: 'forward' });
    expect(page.items).toHaveLength(2);
  });
});

describe('GET /api/community/:id and tRPC', () => {
  it('returns one item, 404 for an unknown one and 400 for a malformed id', async () => {
    const one = await call(h.app, `/api/community/${shared.d}`);
    expect(one.body).toMatchObject({ id: shared.d, tags: ['night', 'street', 'urban'] });
    expect((await call(h.app, '/api/community/2147483000')).status).toBe(404);
    expect((await call(h.app, '/api/community/abc')).status).toBe(400);
  });

  it('serves the same feed over tRPC', async () => {
    const rest = await feed('?tags=night&origin=uploaded');
    const rpc = await trpcFor(h.app).community.list.query({ tags: ['night'], origin: 'uploaded' });
    expect(rpc).toEqual(rest);
    expect(await trpcFor(h.app).community.get.query({ id: shared.d! })).toEqual(
      (await call(h.app, `/api/community/${shared.d}`)).body,
    );
  });
});
