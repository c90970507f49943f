import { EXPOSURE_REVOKED } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { activity, share, shareState } from './support/share';
import { trpcFor } from './support/trpc-client';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const community = { tags: ['night'], policyAgreed: true };
const upload = async (user: TestUser, name: string) =>
  (await uploadFile(h.app, user, await makeImage('png'), name)).body.id as number;
const list = (user: TestUser, query = '') => call(h.app, `/api/user/exposure${query}`, { cookie: user.cookie });
const revoke = (user: TestUser, body: unknown) => call(h.app, '/api/user/exposure/revoke', { json: body, cookie: user.cookie });

/** Someone with one of each: a link, a community item, a link with settings, and a copy whose original is gone. */
const exposedUser = async () => {
  const user = await createUser(h.app);
  const orphan = await upload(user, 'orphan.png');
  const orphanCopy = (await share(h, user, orphan, community)).body.communityMediaId as number;
  expect((await call(h.app, `/api/user/media/${orphan}`, { method: 'DELETE', cookie: user.cookie })).status).toBe(204);
  const link = await upload(user, 'link.png');
  const linkCode = (await share(h, user, link, { shareToCommunity: false })).body.shareCode as string;
  const both = await upload(user, 'both.png');
  const bothShare = (await share(h, user, both, community)).body;
  const guarded = await upload(user, 'guarded.png');
  const guardedCode = (await share(h, user, guarded, { shareToCommunity: false })).body.shareCode as string;
  const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
  await call(h.app, `/api/media/${guarded}/share/link`, {
    method: 'PATCH',
    json: { password: 'open sesame', expiresAt, maxViews: 3 },
    cookie: user.cookie,
  });
  await upload(user, 'private.png');
  return { user, orphanCopy, link, linkCode, both, bothShare, guarded, guardedCode, expiresAt };
};

describe('GET /api/user/exposure', () => {
  it("lists the caller's links and community items, newest first, in cursor pages", async () => {
    const x = await exposedUser();
    await exposedUser();
    const first = await list(x.user, '?limit=2');
    expect(first.status).toBe(200);
    const second = await list(x.user, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    const items = [...first.body.items, ...second.body.items];
    expect(items.map((i: { fileName: string | null }) => i.fileName)).toEqual(['guarded.png', 'both.png', 'link.png', null]);
    const [guarded, both, link, orphan] = items;
    expect(guarded).toMatchObject({
      mediaId: x.guarded,
      link: { shareCode: x.guardedCode, views: 0, expiresAt: x.expiresAt, maxViews: 3, hasPassword: true, status: 'active' },
      community: null,
    });
    expect(both).toMatchObject({
      mediaId: x.both,
      link: { shareCode: x.bothShare.shareCode, hasPassword: false, expiresAt: null },
      community: { communityMediaId: x.bothShare.communityMediaId },
    });
    expect(link).toMatchObject({ mediaId: x.link, link: { shareUrl: `/shared/media/${x.linkCode}` }, community: null });
    expect(orphan).toMatchObject({ mediaId: null, link: null, community: { communityMediaId: x.orphanCopy } });
    expect((await list(x.user, '?cursor=nonsense')).body).toEqual({ message: 'Invalid cursor' });
  });
});

describe('POST /api/user/exposure/revoke', () => {
  it('retires every link, keeps the community, logs once per item, and answers the counts', async () => {
    const x = await exposedUser();
    const res = await revoke(x.user, { links: true, community: false });
    expect([res.status, res.body]).toEqual([200, { links: 3, community: 0 }]);
    for (const code of [x.linkCode, x.guardedCode, x.bothShare.shareCode]) {
      expect((await call(h.app, `/api/shared/media/${code}`)).status).toBe(404);
    }
    expect((await shareState(h, x.both)).community).toHaveLength(1);
    expect((await call(h.app, `/api/community/${x.bothShare.communityMediaId}`)).status).toBe(200);
    expect(await h.sql.select().from(schema.shareLinks).where(eq(schema.shareLinks.mediaId, x.guarded))).toEqual([]);
    const logged = (await activity(h, x.user.id)).filter((a) => a.action === EXPOSURE_REVOKED);
    expect(logged.map((a) => a.details.mediaId).sort()).toEqual([x.link, x.both, x.guarded].sort());
    const left = (await list(x.user)).body.items;
    expect(left.map((i: { link: unknown }) => i.link)).toEqual([null, null]);
    expect((await revoke(x.user, { links: true })).body).toEqual({ links: 0, community: 0 });
  });

  it('takes every community item out, orphans included, over tRPC too', async () => {
    const x = await exposedUser();
    const counts = await trpcFor(h.app, x.user.cookie).exposure.revoke.mutate({ community: true });
    expect(counts).toEqual({ links: 0, community: 2 });
    for (const id of [x.orphanCopy, x.bothShare.communityMediaId])
      expect((await call(h.app, `/api/community/${id}`)).status).toBe(404);
    expect((await call(h.app, `/api/shared/media/${x.linkCode}`, { headers: { 'user-agent': 'x' } })).status).toBe(200);
    const page = await trpcFor(h.app, x.user.cookie).exposure.list.query({ limit: 10 });
    expect(page.items.map((i) => i.fileName)).toEqual(['guarded.png', 'both.png', 'link.png']);
  });

  it('refuses an empty request with 400 and changes nothing', async () => {
    const x = await exposedUser();
    for (const body of [{}, { links: false, community: false }, { links: 'yes' }]) {
      expect((await revoke(x.user, body)).status).toBe(400);
    }
    expect((await list(x.user)).body.items).toHaveLength(4);
  });

  it('racing shares of the same items, ends each item as its last committed change says', async () => {
    const user = await createUser(h.app);
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => upload(user, `race-${i}.png`)));
    for (const id of ids) await share(h, user, id, { shareToCommunity: false });
    const [shares, revoked] = await Promise.all([
      Promise.all(ids.map((id) => share(h, user, id, community))),
      revoke(user, { links: true, community: true }),
    ]);
    expect(shares.map((s) => s.status)).toEqual(ids.map(() => 200));
    expect(revoked.status).toBe(200);
    const log = await activity(h, user.id);
    for (const id of ids) {
      const last = log.filter((a) => a.details.mediaId === id && [EXPOSURE_REVOKED, 'media_shared'].includes(a.action)).at(-1);
      const { media, community: copies } = await shareState(h, id);
      const links = await h.sql.select().from(schema.shareLinks).where(eq(schema.shareLinks.mediaId, id));
      if (last?.action === EXPOSURE_REVOKED) {
        // The revoke came after the share committed: nothing of the item is public any more.
        expect([media?.isShared, media?.shareCode, media?.shareToCommunity, copies.length, links.length]).toEqual([
          false,
          null,
          false,
          0,
          0,
        ]);
      } else {
        expect([media?.isShared, media?.shareToCommunity, copies.length]).toEqual([true, true, 1]);
        expect((await call(h.app, `/api/shared/media/${media?.shareCode}`, { headers: { 'user-agent': 'x' } })).status).toBe(200);
      }
    }
  }, 60_000);
});
