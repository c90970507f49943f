import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { failingDatabase, type FaultCounter } from './support/faults';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { share } from './support/share';
import { outcome, trpcFor } from './support/trpc-client';

// "My posts": the owner's items with their link views, which nobody else may ever read.
let h: Harness;
let ann: TestUser;
let ben: TestUser;
const counter: FaultCounter = { calls: 0, failAt: -1, failed: undefined };
const posted: Record<string, { mediaId: number; communityId: number; code: string }> = {};

interface OwnPost {
  id: number;
  mediaId: number | null;
  views: number | null;
  tags: string[];
  title: string | null;
  owner: { username: string };
}

const post = async (user: TestUser, name: string, options: Record<string, unknown> = {}) => {
  const { body: item } = await uploadFile(h.app, user, await makeImage('jpeg', 64, 48), `${name}.jpg`);
  const { body } = await share(h, user, item.id, { tags: ['night'], policyAgreed: true, ...options });
  posted[name] = { mediaId: item.id, communityId: body.communityMediaId, code: body.shareCode };
};
const visit = (code: string, n: number) =>
  call(h.app, `/api/shared/media/${code}`, { headers: { 'user-agent': `Mozilla/5.0 visitor-${n}` } });
const mine = (user: TestUser, query = '') =>
  call<{ items: OwnPost[]; nextCursor: string | null }>(h.app, `/api/user/community${query}`, { cookie: user.cookie });

beforeAll(async () => {
  h = await createHarness({ wrapPorts: (storage, database) => ({ storage, database: failingDatabase(database, counter) }) });
  ann = await createUser(h.app);
  ben = await createUser(h.app);
  await post(ann, 'a1', { title: 'First' });
  await post(ben, 'b1');
  await post(ann, 'a2', { tags: ['beach', 'night'] });
  await post(ann, 'a3');
  // Two visitors of a1's link, one of a3's; the owner opening their own link is not a view.
  await visit(posted.a1!.code, 1);
  await visit(posted.a1!.code, 2);
  await visit(posted.a3!.code, 1);
  await call(h.app, `/api/shared/media/${posted.a1!.code}`, { cookie: ann.cookie });
});
afterAll(() => h.close());

describe('GET /api/user/community', () => {
  it("lists the caller's items newest first with their vault item, link views and tags", async () => {
    const res = await mine(ann);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map(({ id, mediaId, views, tags, title }) => ({ id, mediaId, views, tags, title }))).toEqual([
      { id: posted.a3!.communityId, mediaId: posted.a3!.mediaId, views: 1, tags: ['night'], title: null },
      { id: posted.a2!.communityId, mediaId: posted.a2!.mediaId, views: 0, tags: ['beach', 'night'], title: null },
      { id: posted.a1!.communityId, mediaId: posted.a1!.mediaId, views: 2, tags: ['night'], title: 'First' },
    ]);
    expect((await mine(ben)).body.items.map((i) => [i.id, i.views])).toEqual([[posted.b1!.communityId, 0]]);
  });

  it('pages with the keyset cursor and refuses a bad one', async () => {
    const first = await mine(ann, '?limit=2');
    expect(first.body.items.map((i) => i.id)).toEqual([posted.a3!.communityId, posted.a2!.communityId]);
    const second = await mine(ann, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ id: posted.a1!.communityId, views: 2 }], nextCursor: null });
    expect(await mine(ann, '?cursor=nope')).toMatchObject({ status: 400, body: { message: 'Invalid cursor' } });
  });

  it('reads the views with the page: the repository calls do not grow with the number of items', async () => {
    const callsFor = async (limit: number) => {
      const before = counter.calls;
      expect((await mine(ann, `?limit=${limit}`)).status).toBe(200);
      return counter.calls - before;
    };
    expect(await callsFor(3)).toBe(await callsFor(1));
  });

  it('is for signed-in callers only: 401 without a session, 403 for a token without "read"', async () => {
    expect(await call(h.app, '/api/user/community')).toMatchObject({ status: 401, body: { message: 'Authentication required' } });
    const mint = async (scopes: string[]) =>
      (await call(h.app, '/api/user/tokens', { json: { name: scopes.join('+'), scopes }, cookie: ann.cookie })).body
        .token as string;
    const reader = await call(h.app, '/api/user/community', { headers: { authorization: `Bearer ${await mint(['read'])}` } });
    expect(reader.body.items).toHaveLength(3);
    const sharer = await call(h.app, '/api/user/community', { headers: { authorization: `Bearer ${await mint(['share'])}` } });
    expect(sharer.status).toBe(403);
  });

  it('shows an item whose original was deleted without a vault item or views, and a link-only item not at all', async () => {
    const carl = await createUser(h.app);
    await post(carl, 'c1');
    await visit(posted.c1!.code, 1);
    await post(carl, 'c2');
    await share(h, carl, posted.c2!.mediaId, { shareToCommunity: false });
    expect((await call(h.app, `/api/user/media/${posted.c1!.mediaId}`, { method: 'DELETE', cookie: carl.cookie })).status).toBe(
      204,
    );
    expect((await mine(carl)).body.items.map(({ id, mediaId, views }) => ({ id, mediaId, views }))).toEqual([
      { id: posted.c1!.communityId, mediaId: null, views: null },
    ]);
  });

  it('is mirrored by tRPC as community.mine, which anonymous callers are refused', async () => {
    expect(await trpcFor(h.app, ann.cookie).community.mine.query({ limit: 24 })).toEqual((await mine(ann)).body);
    expect(await outcome(trpcFor(h.app).community.mine.query({ limit: 24 }))).toEqual({
      status: 401,
      body: { message: 'Authentication required' },
    });
  });
});

describe('views are never shown to anyone but the owner', () => {
  const leaks = (value: unknown) => JSON.stringify(value).match(/"(views|mediaId)"/g) ?? [];

  it('the public feed, profiles and permalinks carry no views or vault ids, whoever asks', async () => {
    const callers = { anonymous: undefined, other: ben.cookie, owner: ann.cookie };
    for (const [who, cookie] of Object.entries(callers)) {
      for (const path of [`/api/community?user=${ann.username}`, '/api/community', `/api/community/${posted.a1!.communityId}`]) {
        const res = await call(h.app, path, { cookie });
        expect(res.status, `${who} ${path}`).toBe(200);
        expect(leaks(res.body), `${who} ${path}`).toEqual([]);
      }
      expect(leaks(await trpcFor(h.app, cookie).community.list.query({ user: ann.username })), who).toEqual([]);
    }
  });

  it('another user\'s "My posts" has only their own items', async () => {
    const theirs = await mine(ben);
    expect(theirs.body.items.every((i) => i.owner.username === ben.username)).toBe(true);
    expect(theirs.body.items.map((i) => i.id)).not.toContain(posted.a1!.communityId);
  });
});
