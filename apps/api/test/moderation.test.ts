import { createHash } from 'node:crypto';
import { DELETE_RETRY_MAX_MS, runPendingDeletes } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/rest/routes';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { isPublicNotFound, moderationHarness, patternImage } from './support/moderation';
import { share, shareState, unshare } from './support/share';
import { outcome, trpcFor } from './support/trpc-client';

let h: Harness;
let arm: Awaited<ReturnType<typeof moderationHarness>>['arm'];
let owner: TestUser;
let admin: TestUser;
let stranger: TestUser;
let seed = 1;
beforeAll(async () => {
  ({ h, arm, owner, admin } = await moderationHarness());
  stranger = await createUser(h.app);
}, 180_000);
afterAll(() => h.close());

const POLICY_VERSION = '2026-12-01';
const community = { tags: ['night'], policyAgreed: true };
const evil = { origin: 'https://evil.example' };
const from = (address: string) => ({ 'x-forwarded-for': address });

const publish = async (options: Record<string, unknown> = {}, user = owner, image?: Buffer) => {
  const { body: item } = await uploadFile(h.app, user, image ?? (await patternImage(seed++)), 'picture.png');
  const res = await share(h, user, item.id, { ...community, ...options });
  expect(res.status).toBe(200);
  return {
    mediaId: item.id as number,
    id: res.body.communityMediaId as number,
    shareCode: res.body.shareCode as string,
    url: res.body.communityUrl as string,
    reqId: res.headers.get('x-request-id'),
  };
};
const report = (id: number, body: unknown, headers: Record<string, string> = {}, cookie?: string) =>
  call(h.app, `/api/community/${id}/reports`, { method: 'POST', json: body, headers, cookie });
const adminCall = (path: string, json?: unknown, user: TestUser | null = admin) =>
  call(h.app, path, {
    method: json === undefined ? 'GET' : 'POST',
    ...(json === undefined ? {} : { json }),
    ...(user ? { cookie: user.cookie } : {}),
  });
const feedIds = async (query = '') =>
  ((await call(h.app, `/api/community?limit=60${query}`)).body.items as { id: number }[]).map((i) => i.id);
const logFor = async (targetId: number) =>
  (await adminCall('/api/admin/moderation-log?limit=200')).body.entries.filter(
    (e: { targetId: number }) => e.targetId === targetId,
  );

describe('GET /api/policy', () => {
  it('answers the policy in force with its SHA-256 and the statement shares agree to', async () => {
    const res = await call(h.app, '/api/policy');
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(POLICY_VERSION);
    expect(res.body.text).toContain('Community sharing policy');
    expect(res.body.sha256).toBe(createHash('sha256').update(res.body.text).digest('hex'));
    expect(res.body.statement).toContain(`version ${POLICY_VERSION}`);
  });
});

describe('consent receipts', () => {
  it('records one per publication with the version, hash, statement, user, time and request id', async () => {
    const policy = (await call(h.app, '/api/policy')).body;
    const item = await publish({ policyVersion: POLICY_VERSION });
    const again = await share(h, owner, item.mediaId, { tags: ['urban'], policyAgreed: true });
    expect(again.status).toBe(200);
    const res = await call(h.app, `/api/community/${item.id}/consent`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.body.receipts).toHaveLength(2);
    const [latest, first] = res.body.receipts;
    for (const receipt of [latest, first]) {
      expect(receipt).toMatchObject({
        policyVersion: POLICY_VERSION,
        policySha256: policy.sha256,
        statement: policy.statement,
        userId: owner.id,
      });
    }
    expect(first.reqId).toBe(item.reqId);
    expect(latest.reqId).toBe(again.headers.get('x-request-id'));
    expect(Date.parse(latest.createdAt)).toBeGreaterThanOrEqual(Date.parse(first.createdAt));
    // A link-only share is no publication.
    await share(h, owner, item.mediaId, { shareToCommunity: false });
    expect((await call(h.app, `/api/community/${item.id}/consent`, { cookie: owner.cookie })).status).toBe(404);
  });

  it('shows receipts to the owner and admins only', async () => {
    const item = await publish();
    expect((await call(h.app, `/api/community/${item.id}/consent`, { cookie: admin.cookie })).status).toBe(200);
    expect(await call(h.app, `/api/community/${item.id}/consent`, { cookie: stranger.cookie })).toMatchObject({
      status: 404,
      body: { message: 'Community item not found' },
    });
    expect((await call(h.app, `/api/community/${item.id}/consent`)).status).toBe(401);
    const viaTrpc = await outcome(trpcFor(h.app, owner.cookie).moderation.consent.query({ id: item.id }));
    expect(viaTrpc.status).toBe(200);
  });

  it('refuses agreement to an outdated policy with a 409, changing nothing', async () => {
    const { body: item } = await uploadFile(h.app, owner, await patternImage(seed++), 'old.png');
    const res = await share(h, owner, item.id, { ...community, policyVersion: '2020-01-01' });
    expect(res).toMatchObject({ status: 409, body: { message: 'The sharing policy has changed; please review it' } });
    const state = await shareState(h, item.id);
    expect(state.community).toHaveLength(0);
    expect(state.media).toMatchObject({ isShared: false, shareToCommunity: false });
    const viaTrpc = await outcome(
      trpcFor(h.app, owner.cookie).share.create.mutate({ id: item.id, ...community, policyVersion: 'x' }),
    );
    expect(viaTrpc).toMatchObject({ status: 409, body: { message: 'The sharing policy has changed; please review it' } });
  });
});

describe('content warnings', () => {
  it('carries mature on feed items, filters by it, and lets the owner change it with a re-share', async () => {
    const plain = await publish();
    const mature = await publish({ mature: true });
    expect((await call(h.app, `/api/community/${mature.id}`)).body.mature).toBe(true);
    expect((await call(h.app, `/api/community/${plain.id}`)).body.mature).toBe(false);
    const all = await feedIds();
    expect(all).toEqual(expect.arrayContaining([plain.id, mature.id]));
    expect(await feedIds('&mature=include')).toEqual(all);
    const excluded = await feedIds('&mature=exclude');
    expect(excluded).toContain(plain.id);
    expect(excluded).not.toContain(mature.id);
    const only = await feedIds('&mature=only');
    expect(only).toContain(mature.id);
    expect(only).not.toContain(plain.id);
    expect((await call(h.app, `/api/shared/media/${mature.shareCode}`)).body.mature).toBe(true);
    // Omitted on a re-share, the copy keeps its warning; given, it changes.
    await share(h, owner, mature.mediaId, community);
    expect((await call(h.app, `/api/community/${mature.id}`)).body.mature).toBe(true);
    await share(h, owner, mature.mediaId, { ...community, mature: false });
    expect((await call(h.app, `/api/community/${mature.id}`)).body.mature).toBe(false);
    expect((await call(h.app, '/api/community?mature=sometimes')).status).toBe(400);
    expect((await share(h, owner, plain.mediaId, { ...community, mature: 'yes' })).status).toBe(400);
  });
});

describe('the mature setting', () => {
  it('is the signed-in user’s own, read back on /api/auth/me, by session only', async () => {
    const viewer = await createUser(h.app);
    expect((await call(h.app, '/api/auth/me', { cookie: viewer.cookie })).body.showMature).toBe(false);
    const put = (json: unknown, options: { cookie?: string; headers?: Record<string, string> } = { cookie: viewer.cookie }) =>
      call(h.app, '/api/user/settings/mature', { method: 'PUT', json, ...options });
    expect(await put({ showMature: true })).toMatchObject({ status: 200, body: { showMature: true } });
    expect((await call(h.app, '/api/auth/me', { cookie: viewer.cookie })).body.showMature).toBe(true);
    expect((await put({ showMature: 'yes' })).status).toBe(400);
    expect((await put({ showMature: true }, {})).status).toBe(401);
    expect((await put({ showMature: false }, { cookie: viewer.cookie, headers: evil })).status).toBe(403);
    expect(await outcome(trpcFor(h.app, viewer.cookie).moderation.setShowMature.mutate({ showMature: false }))).toMatchObject({
      body: { showMature: false },
    });
    expect((await call(h.app, '/api/auth/me', { cookie: viewer.cookie })).body.showMature).toBe(false);
  });
});

describe('reports', () => {
  it('takes reports from anyone; the same reporter again is a 200 that changes nothing', async () => {
    const item = await publish();
    const anonymous = await report(item.id, { reason: 'spam', details: 'Advertising.' }, from('198.51.100.1'));
    expect(anonymous.status).toBe(201);
    expect(anonymous.body).toEqual({ id: expect.any(Number) });
    const repeat = await report(item.id, { reason: 'other' }, from('198.51.100.1'));
    expect(repeat).toMatchObject({ status: 200, body: { id: anonymous.body.id } });
    const signedIn = await report(item.id, { reason: 'copyright' }, from('198.51.100.1'), stranger.cookie);
    expect(signedIn.status).toBe(201);
    expect((await report(item.id, { reason: 'spam' }, from('198.51.100.9'), stranger.cookie)).status).toBe(200);
    const rows = await h.sql.select().from(schema.reports).where(eq(schema.reports.communityMediaId, item.id));
    expect(rows.map((r) => [r.reporterUserId, r.reason])).toEqual([
      [null, 'spam'],
      [stranger.id, 'copyright'],
    ]);
    // Two distinct reporters: still in the feed.
    expect(await feedIds()).toContain(item.id);
  });

  it('hides an item after three distinct reporters of a reason that is not severe', async () => {
    const item = await publish();
    for (const address of ['203.0.113.1', '203.0.113.2'])
      expect((await report(item.id, { reason: 'spam' }, from(address))).status).toBe(201);
    expect((await call(h.app, `/api/community/${item.id}`)).status).toBe(200);
    expect((await report(item.id, { reason: 'other' }, from('203.0.113.3'))).status).toBe(201);
    expect(await feedIds()).not.toContain(item.id);
    expect(await call(h.app, `/api/community/${item.id}`)).toMatchObject({
      status: 404,
      body: { message: 'Community item not found' },
    });
    expect((await call(h.app, `/api/shared/media/${item.shareCode}`)).status).toBe(404);
    expect(await logFor(item.id)).toEqual([
      expect.objectContaining({ action: 'auto_hide', actor: null, targetKind: 'community' }),
    ]);
  });

  it('hides at once for non_consensual and underage, through either route', async () => {
    const viaCommunity = await publish();
    expect((await report(viaCommunity.id, { reason: 'non_consensual' }, from('192.0.2.10'))).status).toBe(201);
    expect(await feedIds()).not.toContain(viaCommunity.id);
    const viaLink = await publish();
    const res = await call(h.app, `/api/shared/media/${viaLink.shareCode}/reports`, {
      method: 'POST',
      json: { reason: 'underage' },
      headers: from('192.0.2.10'),
    });
    expect(res.status).toBe(201);
    expect(await feedIds()).not.toContain(viaLink.id);
    expect((await call(h.app, `/api/shared/media/${viaLink.shareCode}/file`)).status).toBe(404);
    // A link with no community copy is reported as a link, and hidden as one.
    const { body: private_ } = await uploadFile(h.app, owner, await patternImage(seed++), 'link.png');
    const link = await share(h, owner, private_.id, { shareToCommunity: false });
    const linkReport = await call(h.app, `/api/shared/media/${link.body.shareCode}/reports`, {
      method: 'POST',
      json: { reason: 'non_consensual' },
      headers: from('192.0.2.11'),
    });
    expect(linkReport.status).toBe(201);
    expect((await call(h.app, `/api/shared/media/${link.body.shareCode}`)).status).toBe(404);
  });

  it('answers hostile bodies with a clear 400 and records nothing', async () => {
    const item = await publish();
    const cases: [unknown, string][] = [
      [{ reason: 'spam', details: 'x'.repeat(2001) }, 'details must be at most 2000 characters'],
      [{ reason: 'boring' }, 'reason must be one of non_consensual, underage, copyright, spam, other'],
      [{ reason: 'spam', details: 'look \u202Egnp.exe' }, 'details must not contain invisible or direction-changing characters'],
      [{ reason: 'spam', details: 'zero\u200Bwidth' }, 'details must not contain invisible or direction-changing characters'],
      [{ reason: 'spam', extra: true }, 'extra'],
      [{}, 'reason'],
      [{ reason: 'spam', details: 42 }, 'details must be a string'],
    ];
    for (const [body, message] of cases) {
      const res = await report(item.id, body, from('192.0.2.50'));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message).toContain(message);
    }
    expect((await report(0, { reason: 'spam' })).body).toEqual({ message: 'Invalid community item ID' });
    expect((await report(2_000_000_000, { reason: 'spam' })).status).toBe(404);
    expect(await h.sql.select().from(schema.reports).where(eq(schema.reports.communityMediaId, item.id))).toHaveLength(0);
  });

  it('applies the origin check, and over tRPC the same rules', async () => {
    const item = await publish();
    expect(await report(item.id, { reason: 'spam' }, evil)).toMatchObject({
      status: 403,
      body: { message: 'Cross-origin request refused' },
    });
    const anonymous = trpcFor(h.app, undefined, from('192.0.2.60'));
    const first = await outcome(anonymous.moderation.report.mutate({ id: item.id, reason: 'spam' }));
    expect(first).toMatchObject({ status: 200, body: { isNew: true } });
    expect(await outcome(anonymous.moderation.report.mutate({ id: item.id, reason: 'spam' }))).toMatchObject({
      body: { isNew: false },
    });
  });

  it('stops floods per address and per account with 429 and Retry-After', async () => {
    const tight = await createHarness({
      database: h.deps.db,
      env: { TRUST_PROXY: 'true', RATE_LIMIT_REPORTS: 'account:2/1h,address:3/1h' },
    });
    try {
      const items = await Promise.all([1, 2, 3, 4].map(() => publish()));
      const byAddress = [];
      for (const item of items)
        byAddress.push(
          (
            await call(tight.app, `/api/community/${item.id}/reports`, {
              method: 'POST',
              json: { reason: 'spam' },
              headers: from('192.0.2.77'),
            })
          ).status,
        );
      expect(byAddress).toEqual([201, 201, 201, 429]);
      const refused = await call(tight.app, `/api/community/${items[0]!.id}/reports`, {
        method: 'POST',
        json: { reason: 'spam' },
        headers: from('192.0.2.77'),
      });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const reporter = await createUser(h.app);
      const byAccount = [];
      for (const [i, item] of items.entries()) {
        byAccount.push(
          (
            await call(tight.app, `/api/community/${item.id}/reports`, {
              method: 'POST',
              json: { reason: 'spam' },
              cookie: reporter.cookie,
              headers: from(`192.0.2.${100 + i}`),
            })
          ).status,
        );
      }
      expect(byAccount).toEqual([201, 201, 429, 429]);
    } finally {
      await tight.close();
    }
  });
});

describe('admin routes', () => {
  const adminRoutes = apiRoutes.filter((r) => r.access.kind === 'admin');

  it('answer 404 to a signed-in non-admin and to a signed-out caller, every one of them', async () => {
    expect(adminRoutes.map((r) => r.operationId).sort()).toEqual(
      [
        'banFromCommunity',
        'dismissReport',
        'listModerationLog',
        'listReports',
        'restoreCommunityItem',
        'takeDownCommunityItem',
        'getModerationPreview',
        // Running the instance: invites, users and their quotas.
        'createInvite',
        'deleteInvite',
        'listInvites',
        'listUsers',
        'updateUserQuota',
        // The tag vocabulary.
        'listAdminTags',
        'createTagAlias',
        'updateTag',
        'mergeTag',
      ].sort(),
    );
    const item = await publish();
    for (const route of adminRoutes) {
      const path = route.path.replace('{id}', String(item.id)).replace('{slug}', 'night');
      for (const cookie of [stranger.cookie, owner.cookie, undefined]) {
        const res = await call(h.app, path, {
          method: route.method.toUpperCase(),
          ...(route.method === 'get' || route.method === 'delete'
            ? {}
            : { json: { reason: 'x', alias: 'x', into: 'x', label: 'x' } }),
          cookie,
        });
        expect(res, `${route.method} ${path}`).toMatchObject({ status: 404, body: { message: 'Not found' } });
      }
    }
    for (const user of [stranger, null]) {
      const trpc = trpcFor(h.app, user?.cookie);
      const calls: Promise<unknown>[] = [
        trpc.moderation.reports.query(),
        trpc.moderation.log.query({}),
        trpc.moderation.dismiss.mutate({ id: 1 }),
        trpc.moderation.takedown.mutate({ id: item.id, reason: 'x' }),
        trpc.moderation.restore.mutate({ id: item.id }),
        trpc.moderation.communityBan.mutate({ id: owner.id }),
        trpc.invites.list.query(),
        trpc.invites.create.mutate({}),
        trpc.invites.delete.mutate({ id: 1 }),
        trpc.users.list.query(),
        trpc.users.updateQuota.mutate({ id: owner.id, quotaBytes: 1 }),
        trpc.tags.admin.list.query(),
        trpc.tags.admin.createAlias.mutate({ slug: 'night', alias: 'nocturne' }),
        trpc.tags.admin.update.mutate({ slug: 'night', active: false }),
        trpc.tags.admin.merge.mutate({ slug: 'night', into: 'sunset' }),
      ];
      for (const result of await Promise.all(calls.map((p) => outcome(p)))) expect(result.status).toBe(404);
    }
    expect((await call(h.app, `/api/community/${item.id}`)).status).toBe(200);
    expect((await h.deps.db.users.findById(owner.id))?.communityBannedAt).toBeNull();
    expect((await h.deps.db.tags.findVocabulary()).find((t) => t.slug === 'night')).toMatchObject({
      active: true,
      label: 'Night',
    });
  });

  it('lists open reports grouped by item, with reporters, reasons, owner and receipt', async () => {
    const item = await publish();
    for (const address of ['198.51.100.21', '198.51.100.22'])
      await report(item.id, { reason: 'copyright', details: `from ${address}` }, from(address));
    const res = await adminCall('/api/admin/reports');
    expect(res.status).toBe(200);
    const group = res.body.items.find((g: { communityMediaId: number }) => g.communityMediaId === item.id);
    expect(group).toMatchObject({
      target: 'community',
      status: 'visible',
      reporters: 2,
      reasons: ['copyright'],
      details: ['from 198.51.100.21', 'from 198.51.100.22'],
      owner: { id: owner.id, username: owner.username },
      receipt: { policyVersion: POLICY_VERSION, userId: owner.id },
      mature: false,
    });
    expect(group.previewUrl).toContain('/general/');
  });

  it('reads the queue in the same number of repository calls however long it is, links with their item and owner', async () => {
    const queueCalls = async () => {
      const before = arm.repoCalls();
      const res = await adminCall('/api/admin/reports');
      expect(res.status).toBe(200);
      return { calls: arm.repoCalls() - before, items: res.body.items as Record<string, unknown>[] };
    };
    const shorter = await queueCalls();
    const copy = await publish({}, stranger);
    await report(copy.id, { reason: 'spam' }, from('198.51.100.31'));
    const { body: item } = await uploadFile(h.app, stranger, await patternImage(seed++), 'link-only.png');
    const link = await share(h, stranger, item.id, { shareToCommunity: false });
    const linkReport = await call(h.app, `/api/shared/media/${link.body.shareCode}/reports`, {
      method: 'POST',
      json: { reason: 'spam', details: 'a link' },
      headers: from('198.51.100.32'),
    });
    expect(linkReport.status).toBe(201);
    const longer = await queueCalls();
    expect(longer.items).toHaveLength(shorter.items.length + 2);
    expect(longer.calls).toBe(shorter.calls);
    expect(longer.items.find((g) => g.communityMediaId === copy.id)).toMatchObject({
      target: 'community',
      mediaId: copy.mediaId,
      owner: { id: stranger.id, username: stranger.username },
      receipt: { policyVersion: POLICY_VERSION, userId: stranger.id },
    });
    expect(longer.items.find((g) => g.target === 'link' && g.mediaId === item.id)).toMatchObject({
      communityMediaId: null,
      status: 'visible',
      owner: { id: stranger.id, username: stranger.username },
      mimeType: 'image/png',
      previewUrl: null,
      receipt: null,
      details: ['a link'],
    });
  });

  it('dismiss closes the item’s reports and shows it again', async () => {
    const item = await publish();
    const filed = await report(item.id, { reason: 'non_consensual' }, from('198.51.100.31'));
    expect(await feedIds()).not.toContain(item.id);
    expect(await isPublicNotFound(h, item.url)).toBe(true);
    expect((await adminCall(`/api/admin/reports/${filed.body.id}/dismiss`, {})).status).toBe(200);
    expect(await feedIds()).toContain(item.id);
    expect((await h.fetchPublic(item.url)).status).toBe(200);
    expect((await call(h.app, `/api/shared/media/${item.shareCode}`)).status).toBe(200);
    const queue = (await adminCall('/api/admin/reports')).body.items;
    expect(queue.some((g: { communityMediaId: number }) => g.communityMediaId === item.id)).toBe(false);
    expect((await logFor(item.id)).map((e: { action: string }) => e.action)).toEqual(['dismiss', 'auto_hide']);
    expect(await adminCall('/api/admin/reports/999999999/dismiss', {})).toMatchObject({
      status: 404,
      body: { message: 'Report not found' },
    });
    expect(await adminCall('/api/admin/reports/abc/dismiss', {})).toMatchObject({
      status: 400,
      body: { message: 'Invalid report ID' },
    });
  });

  it('takedown: files deleted, tombstone answering 410, out of every feed, owner told, picture blocked, logged', async () => {
    const image = await patternImage(seed++);
    const item = await publish({}, owner, image);
    const row = (await shareState(h, item.mediaId)).community[0]!;
    expect(row.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
    await report(item.id, { reason: 'non_consensual' }, from('198.51.100.41'));
    expect((await adminCall(`/api/admin/community/${item.id}/takedown`, {})).body.message).toContain('reason is required');
    expect((await adminCall(`/api/admin/community/${item.id}/takedown`, { reason: 'Shared without consent' })).status).toBe(200);

    expect(await call(h.app, `/api/community/${item.id}`)).toMatchObject({
      status: 410,
      body: { message: 'This item was removed' },
    });
    expect(await call(h.app, `/api/shared/media/${item.shareCode}`)).toMatchObject({
      status: 410,
      body: { message: 'This item was removed' },
    });
    expect(await feedIds()).not.toContain(item.id);
    expect(await feedIds('&tags=night')).not.toContain(item.id);
    expect(await h.objects('general')).not.toContain(row.filePath);
    expect(await isPublicNotFound(h, item.url)).toBe(true);
    const [tombstone] = await h.sql.select().from(schema.communityMedia).where(eq(schema.communityMedia.id, item.id));
    expect(tombstone).toMatchObject({ moderationStatus: 'removed', removedReason: 'Shared without consent' });
    // The owner sees it in their vault.
    const mine = await call(h.app, `/api/user/media/${item.mediaId}`, { cookie: owner.cookie });
    expect(mine.body).toMatchObject({
      shareToCommunity: false,
      communityStatus: 'removed',
      communityRemovedReason: 'Shared without consent',
    });
    expect(await adminCall(`/api/admin/community/${item.id}/takedown`, { reason: 'again' })).toMatchObject({ status: 409 });
    const [entry] = await logFor(item.id);
    expect(entry).toMatchObject({
      action: 'takedown',
      actor: { id: admin.id, username: admin.username },
      reason: 'Shared without consent',
    });

    // Re-sharing the same item, or the same picture re-encoded, is refused; a link-only share is not.
    const blocked = 'This media was removed from the Community and cannot be shared again';
    expect(await share(h, owner, item.mediaId, community)).toMatchObject({ status: 422, body: { message: blocked } });
    const reencoded = await sharp(image).resize(72).jpeg({ quality: 60 }).toBuffer();
    const { body: again } = await uploadFile(h.app, owner, reencoded, 'again.jpg');
    expect(await share(h, owner, again.id, community)).toMatchObject({ status: 422, body: { message: blocked } });
    expect((await shareState(h, again.id)).community).toHaveLength(0);
    expect((await share(h, owner, again.id, { shareToCommunity: false })).status).toBe(200);
    const refusals = (await adminCall('/api/admin/moderation-log?limit=200')).body.entries.filter(
      (e: { action: string; targetId: number }) => e.action === 'share_blocked' && e.targetId === again.id,
    );
    expect(refusals).toEqual([
      expect.objectContaining({ targetKind: 'media', details: expect.objectContaining({ communityMediaId: item.id }) }),
    ]);
    // An unrelated picture is published as usual.
    await publish();
    // Unsharing keeps the tombstone.
    expect((await unshare(h, owner, item.mediaId)).status).toBe(200);
    expect((await call(h.app, `/api/community/${item.id}`)).status).toBe(410);
  });

  it('a takedown whose storage delete fails still hides at once, and the delete worker finishes it', async () => {
    const item = await publish();
    const row = (await shareState(h, item.mediaId)).community[0]!;
    arm.failNext('storage.delete');
    expect((await adminCall(`/api/admin/community/${item.id}/takedown`, { reason: 'spam' })).status).toBe(200);
    expect((await call(h.app, `/api/community/${item.id}`)).status).toBe(410);
    const pending = await h.sql
      .select()
      .from(schema.pendingDeletes)
      .where(and(eq(schema.pendingDeletes.bucket, 'general'), eq(schema.pendingDeletes.path, row.filePath)));
    expect(pending).toHaveLength(1);
    await runPendingDeletes({ ...h.deps, now: () => new Date(Date.now() + DELETE_RETRY_MAX_MS) });
    expect(await h.objects('general')).not.toContain(row.filePath);
  });

  it('restore shows a hidden item again, and lifts a takedown’s block', async () => {
    const hidden = await publish();
    await report(hidden.id, { reason: 'underage' }, from('198.51.100.51'));
    expect((await adminCall(`/api/admin/community/${hidden.id}/restore`, {})).status).toBe(200);
    expect(await feedIds()).toContain(hidden.id);
    expect(await adminCall(`/api/admin/community/${hidden.id}/restore`, {})).toMatchObject({
      status: 409,
      body: { message: 'This item is not removed' },
    });

    const removed = await publish();
    await adminCall(`/api/admin/community/${removed.id}/takedown`, { reason: 'mistake' });
    expect((await share(h, owner, removed.mediaId, community)).status).toBe(422);
    expect((await adminCall(`/api/admin/community/${removed.id}/restore`, {})).status).toBe(200);
    const republished = await share(h, owner, removed.mediaId, community);
    expect(republished.status).toBe(200);
    expect(await feedIds()).toContain(republished.body.communityMediaId);
  });

  it('community-ban stops publishing; the banned owner’s links keep working', async () => {
    const banned = await createUser(h.app);
    const item = await publish({}, banned);
    expect((await adminCall(`/api/admin/users/${banned.id}/community-ban`, {})).status).toBe(200);
    const { body: next } = await uploadFile(h.app, banned, await patternImage(seed++), 'next.png');
    expect(await share(h, banned, next.id, community)).toMatchObject({
      status: 403,
      body: { message: 'This account can no longer publish to the Community' },
    });
    expect((await share(h, banned, next.id, { shareToCommunity: false })).status).toBe(200);
    expect((await call(h.app, `/api/shared/media/${item.shareCode}`)).status).toBe(200);
    expect(await adminCall('/api/admin/users/999999999/community-ban', {})).toMatchObject({
      status: 404,
      body: { message: 'User not found' },
    });
    expect((await logFor(banned.id)).map((e: { action: string }) => e.action)).toContain('community_ban');
  });

  it('the moderation log pages newest first, and nothing in the API edits it', async () => {
    const first = await adminCall('/api/admin/moderation-log?limit=2');
    expect(first.body.entries).toHaveLength(2);
    expect(first.body.entries[0].id).toBeGreaterThan(first.body.entries[1].id);
    const next = await adminCall(`/api/admin/moderation-log?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.entries[0].id).toBeLessThan(first.body.entries[1].id);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      expect((await call(h.app, '/api/admin/moderation-log', { method, cookie: admin.cookie, json: {} })).status).toBe(404);
    }
    expect((await trpcFor(h.app, admin.cookie).moderation.log.query({ limit: 1 })).entries).toHaveLength(1);
  });

  it('takedown racing the owner’s re-share and unshare ends consistent', async () => {
    for (let round = 0; round < 3; round++) {
      const item = await publish();
      const row = (await shareState(h, item.mediaId)).community[0]!;
      const results = await Promise.all([
        adminCall(`/api/admin/community/${item.id}/takedown`, { reason: 'race' }),
        round === 1
          ? unshare(h, owner, item.mediaId)
          : share(h, owner, item.mediaId, round === 0 ? { ...community, mature: true } : { shareToCommunity: false }),
      ]);
      const state = await shareState(h, item.mediaId);
      const copy = state.community[0];
      const objects = await h.objects('general');
      if (copy) {
        // Taken down first: a tombstone whose file is gone, whatever the owner did after.
        expect(copy.moderationStatus).toBe('removed');
        expect(results[0]!.status).toBe(200);
        expect(objects).not.toContain(row.filePath);
      } else {
        // Unshared first: nothing left to take down.
        expect(results[0]!.status).toBe(404);
        expect(objects).not.toContain(row.filePath);
      }
      expect(state.media?.shareToCommunity).toBe(false);
    }
  });
});
