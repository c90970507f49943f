import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { share } from './support/share';
import { trpcFor } from './support/trpc-client';

// Profiles read the feed by owner; a database of its own keeps other files' items out of the pages.
let h: Harness;
let ann: TestUser;
let ben: TestUser;
const posted: Record<string, number> = {};

beforeAll(async () => {
  h = await createHarness({ isolated: true });
  ann = await createUser(h.app, { username: `Ann${Date.now() % 100000}` });
  ben = await createUser(h.app);
  const add = async (user: TestUser, name: string, tags: string[]) => {
    const { body } = await uploadFile(h.app, user, await makeImage('jpeg', 64, 48), `${name}.jpg`);
    posted[name] = (await share(h, user, body.id, { tags, policyAgreed: true })).body.communityMediaId;
  };
  // Oldest first, the two users' items interleaved.
  await add(ann, 'a1', ['night']);
  await add(ben, 'b1', ['night']);
  await add(ann, 'a2', ['beach']);
  await add(ann, 'a3', ['night', 'urban']);
  await add(ben, 'b2', ['urban']);
  await add(ann, 'a4', ['night']);
});
afterAll(() => h.close());

const ids = (...names: string[]) => names.map((n) => posted[n]);
const feed = async (query: string) => {
  const res = await call<{ items: { id: number; owner: { username: string } }[]; nextCursor: string | null }>(
    h.app,
    `/api/community${query}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('GET /api/community?user=', () => {
  it("lists one user's items newest first, whatever the case of the name", async () => {
    const page = await feed(`?user=${ann.username}`);
    expect(page.items.map((i) => i.id)).toEqual(ids('a4', 'a3', 'a2', 'a1'));
    expect(new Set(page.items.map((i) => i.owner.username))).toEqual(new Set([ann.username]));
    expect((await feed(`?user=${ann.username.toLowerCase()}`)).items.map((i) => i.id)).toEqual(ids('a4', 'a3', 'a2', 'a1'));
  });

  it('pages with the same keyset cursor', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await feed(`?user=${ann.username}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids('a4', 'a3', 'a2', 'a1'));
  });

  it('combines with tags and origin', async () => {
    expect((await feed(`?user=${ann.username}&tags=night`)).items.map((i) => i.id)).toEqual(ids('a4', 'a3', 'a1'));
    expect((await feed(`?user=${ann.username}&tags=night,urban`)).items.map((i) => i.id)).toEqual(ids('a3'));
    expect((await feed(`?user=${ben.username}&tags=night&origin=uploaded`)).items.map((i) => i.id)).toEqual(ids('b1'));
    expect((await feed(`?user=${ben.username}&origin=generated`)).items).toEqual([]);
  });

  it('answers 404 for a username nobody has and 400 for one that cannot be a username', async () => {
    const missing = await call(h.app, '/api/community?user=nobody-here');
    expect(missing).toMatchObject({ status: 404, body: { message: 'User not found' } });
    const bad = await call(h.app, '/api/community?user=a%20b');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/"user"/);
  });

  it('is mirrored by tRPC', async () => {
    const rest = await feed(`?user=${ann.username}&tags=night`);
    expect(await trpcFor(h.app).community.list.query({ user: ann.username, tags: ['night'] })).toEqual(rest);
  });
});
