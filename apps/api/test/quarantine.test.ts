import { DELETE_RETRY_MAX_MS, drainRenditionJobs, itemKeys, runPendingDeletes, runSweep } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFile, type TestUser } from './support/factories';
import { STORAGE_DRIVER, type Harness } from './support/harness';
import { call } from './support/http';
import { isPublicNotFound, moderationHarness, patternImage } from './support/moderation';
import { share } from './support/share';

// A hidden copy's public objects leave the public bucket (Supabase serves it without asking the API) for
// quarantine in the private one, and come back when the copy is shown again. Run on both drivers.
let h: Harness;
let arm: Awaited<ReturnType<typeof moderationHarness>>['arm'];
let owner: TestUser;
let admin: TestUser;
let seed = 500;
beforeAll(async () => {
  ({ h, arm, owner, admin } = await moderationHarness());
}, 180_000);
afterAll(() => h.close());

const publicKeyOf = (url: string) => decodeURIComponent(new URL(url).pathname.replace('/storage/v1/object/public/general/', ''));

const publishOnly = async () => {
  const { body: media } = await uploadFile(h.app, owner, await patternImage(seed++), 'picture.png');
  // The original's own renditions first: the jobs left are the community copy's.
  await drainRenditionJobs(h.deps);
  const res = await share(h, owner, media.id, { tags: ['night'], policyAgreed: true });
  expect(res.status).toBe(200);
  return res.body as { communityMediaId: number; communityUrl: string };
};

/** The public objects an item owns, with its URLs. */
const ownedBy = async (published: { communityMediaId: number; communityUrl: string }) => {
  const res = { body: published };
  const key = publicKeyOf(res.body.communityUrl);
  const objects = itemKeys(key).filter((k) => k !== key);
  const owned = [key, ...(await h.objects('general')).filter((k) => objects.includes(k))];
  // The file, its thumbnail and its preview at least.
  expect(owned.length).toBeGreaterThanOrEqual(3);
  const item = (await call(h.app, `/api/community/${res.body.communityMediaId}`)).body;
  return { id: res.body.communityMediaId, key, owned, url: res.body.communityUrl, thumbnailUrl: item.thumbnailUrl as string };
};

/** A published item with its renditions made. */
const publish = async () => {
  const published = await publishOnly();
  await drainRenditionJobs(h.deps);
  return ownedBy(published);
};
type Item = Awaited<ReturnType<typeof publish>>;

let address = 1;
const report = (id: number, reason = 'non_consensual') =>
  call(h.app, `/api/community/${id}/reports`, {
    method: 'POST',
    json: { reason },
    headers: { 'x-forwarded-for': `198.51.100.${address++}` },
  });
const adminPost = (path: string, json: unknown = {}) => call(h.app, path, { method: 'POST', json, cookie: admin.cookie });
const openReportId = async (id: number) =>
  (await call(h.app, '/api/admin/reports', { cookie: admin.cookie })).body.items.find(
    (g: { communityMediaId: number }) => g.communityMediaId === id,
  ).reportId as number;

const isNotFound = (url: string) => isPublicNotFound(h, url);
const bytesAt = async (url: string) => Buffer.from(await (await h.fetchPublic(url)).arrayBuffer());

const where = async (item: Item) => {
  const general = await h.objects('general');
  const userMedia = await h.objects('user-media');
  return {
    public: item.owned.filter((k) => general.includes(k)),
    quarantine: item.owned.filter((k) => userMedia.includes(`quarantine/${k}`)),
  };
};
const pendingFor = async (item: Item) =>
  (await h.sql.select().from(schema.pendingDeletes)).filter((r) => item.owned.some((k) => r.path.endsWith(k)));

/** A pass of the delete worker once every backoff has run out, as the server's worker would make it. */
const workerPass = () =>
  runPendingDeletes({ ...h.deps, storage: arm.storage, now: () => new Date(Date.now() + 2 * DELETE_RETRY_MAX_MS) });

const expectHidden = async (item: Item) => {
  expect(await where(item)).toEqual({ public: [], quarantine: item.owned });
  expect(await isNotFound(item.url)).toBe(true);
  expect(await isNotFound(item.thumbnailUrl)).toBe(true);
  expect(await pendingFor(item)).toEqual([]);
};
const expectShown = async (item: Item, bytes: Buffer) => {
  expect(await where(item)).toEqual({ public: item.owned, quarantine: [] });
  expect((await h.fetchPublic(item.url)).status).toBe(200);
  expect((await bytesAt(item.url)).equals(bytes)).toBe(true);
  expect((await h.fetchPublic(item.thumbnailUrl)).status).toBe(200);
  expect(await pendingFor(item)).toEqual([]);
};

describe('hiding a reported copy', () => {
  it('moves its file and renditions out of the public bucket; a dismiss moves them back unchanged', async () => {
    const item = await publish();
    const bytes = await bytesAt(item.url);
    expect((await report(item.id)).status).toBe(201);
    await expectHidden(item);
    expect((await adminPost(`/api/admin/reports/${await openReportId(item.id)}/dismiss`)).status).toBe(200);
    await expectShown(item, bytes);
  });

  it("the moderation queue shows a hidden item's preview through the admin-only route, on every driver", async () => {
    const item = await publish();
    const { previewUrl } = (await call(h.app, `/api/community/${item.id}`)).body as { previewUrl: string };
    const publicPreview = await bytesAt(previewUrl);
    await report(item.id);
    await expectHidden(item);
    const group = (await call(h.app, '/api/admin/reports', { cookie: admin.cookie })).body.items.find(
      (g: { communityMediaId: number }) => g.communityMediaId === item.id,
    );
    expect(group.previewUrl).toBe(`/api/admin/community/${item.id}/preview`);
    expect(group.previewMimeType).toBe('image/webp');
    const preview = await call(h.app, group.previewUrl, { cookie: admin.cookie });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/webp');
    expect(preview.headers.get('cache-control')).toBe('private, no-store');
    expect(await isNotFound(previewUrl)).toBe(true);
    expect(Buffer.from(await preview.raw.arrayBuffer()).equals(publicPreview)).toBe(true);
    // Nobody else sees it: the owner, another account and a signed-out caller get the admin routes' 404.
    for (const cookie of [owner.cookie, undefined]) {
      expect((await call(h.app, group.previewUrl, cookie ? { cookie } : {})).status).toBe(404);
    }
    // Shown again: the preview follows it back to the public bucket, and the route still serves it.
    expect((await adminPost(`/api/admin/reports/${await openReportId(item.id)}/dismiss`)).status).toBe(200);
    expect((await call(h.app, group.previewUrl, { cookie: admin.cookie })).status).toBe(200);
  });

  it('moves them when enough reporters hide it, and back on restore', async () => {
    const item = await publish();
    const bytes = await bytesAt(item.url);
    for (let i = 0; i < 3; i++) expect((await report(item.id, 'spam')).status).toBe(201);
    await expectHidden(item);
    expect((await adminPost(`/api/admin/community/${item.id}/restore`)).status).toBe(200);
    await expectShown(item, bytes);
  });

  it('a takedown while hidden deletes everything, from quarantine too', async () => {
    const item = await publish();
    await report(item.id);
    await expectHidden(item);
    expect((await adminPost(`/api/admin/community/${item.id}/takedown`, { reason: 'Posted without consent' })).status).toBe(200);
    expect(await where(item)).toEqual({ public: [], quarantine: [] });
    expect(await isNotFound(item.url)).toBe(true);
    expect(await pendingFor(item)).toEqual([]);
  });

  it("the owner's unpublishing while hidden deletes the quarantined objects", async () => {
    const item = await publish();
    await report(item.id);
    await expectHidden(item);
    expect((await call(h.app, `/api/community/${item.id}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204);
    // Its public keys went at once (there was nothing there); the quarantined ones go with the worker.
    await workerPass();
    expect(await where(item)).toEqual({ public: [], quarantine: [] });
    expect(await pendingFor(item)).toEqual([]);
  });
});

describe('renditions of a hidden copy', () => {
  it('are not made while it is hidden, and are made once a dismiss shows it again', async () => {
    const published = await publishOnly();
    await report(published.communityMediaId);
    await drainRenditionJobs(h.deps);
    const key = publicKeyOf(published.communityUrl);
    const everywhere = [...(await h.objects('general')), ...(await h.objects('user-media'))];
    expect(everywhere.filter((k) => k.includes(`${key}.`))).toEqual([]);
    expect((await adminPost(`/api/admin/reports/${await openReportId(published.communityMediaId)}/dismiss`)).status).toBe(200);
    expect(await drainRenditionJobs(h.deps)).toEqual(['made']);
    const item = await ownedBy(published);
    expect((await h.fetchPublic(item.thumbnailUrl)).status).toBe(200);
  });

  it('made while it was being hidden, they follow it into quarantine', async () => {
    const published = await publishOnly();
    // The report lands while the image service works on the copy.
    const imaging = Object.create(h.deps.imaging) as typeof h.deps.imaging;
    imaging.makeRenditions = async (...args) => {
      expect((await report(published.communityMediaId)).status).toBe(201);
      return h.deps.imaging.makeRenditions(...args);
    };
    expect(await drainRenditionJobs({ ...h.deps, imaging })).toEqual(['made']);
    const key = publicKeyOf(published.communityUrl);
    const general = await h.objects('general');
    expect(general.filter((k) => k.startsWith(key))).toEqual([]);
    const quarantined = (await h.objects('user-media')).filter((k) => k.startsWith(`quarantine/${key}`));
    expect(quarantined.sort()).toEqual(
      [key, `${key}.preview.webp`, `${key}.thumbnail.webp`].map((k) => `quarantine/${k}`).sort(),
    );
    expect((await adminPost(`/api/admin/reports/${await openReportId(published.communityMediaId)}/dismiss`)).status).toBe(200);
    const item = await ownedBy(published);
    await expectShown(item, await bytesAt(item.url));
  });
});

describe('renditions of a copy taken down while they were made', () => {
  it('are deleted once made', async () => {
    const published = await publishOnly();
    const imaging = Object.create(h.deps.imaging) as typeof h.deps.imaging;
    imaging.makeRenditions = async (...args) => {
      const res = await adminPost(`/api/admin/community/${published.communityMediaId}/takedown`, { reason: 'Spam' });
      expect(res.status).toBe(200);
      return h.deps.imaging.makeRenditions(...args);
    };
    await drainRenditionJobs({ ...h.deps, imaging });
    const key = publicKeyOf(published.communityUrl);
    const everywhere = [...(await h.objects('general')), ...(await h.objects('user-media'))];
    expect(everywhere.filter((k) => k.includes(key))).toEqual([]);
  });
});

/** Storage refuses `what` (`copy` or `delete`): the stand-in answers 503, the local port fails. */
const storageFails = (what: 'copy' | 'delete') => {
  if (h.standIn) {
    h.standIn.inject(
      { type: 'status', status: 503 },
      what === 'copy' ? { method: 'POST', path: /^\/object\/copy$/, times: 1000 } : { method: 'DELETE', times: 1000 },
    );
    return () => h.standIn?.clearFaults();
  }
  arm.failEvery(`storage.${what}`);
  return () => arm.failEvery(`storage.${what}`, false);
};

describe('a move that storage fails midway', () => {
  it('hides the item at once, loses no bytes, and the worker finishes the move once storage answers', async () => {
    const item = await publish();
    const bytes = await bytesAt(item.url);
    const back = storageFails('copy');
    try {
      expect((await report(item.id)).status).toBe(201);
      const feed = (await call(h.app, '/api/community?limit=60')).body.items as { id: number }[];
      expect(feed.map((i) => i.id)).not.toContain(item.id);
      expect((await call(h.app, `/api/community/${item.id}`)).status).toBe(404);
      // Nothing was deleted without its copy in quarantine; every object has a record to retry.
      expect(await where(item)).toEqual({ public: item.owned, quarantine: [] });
      expect((await pendingFor(item)).map((r) => [r.bucket, r.path]).sort()).toEqual(
        item.owned.map((k) => ['general', k]).sort(),
      );
      // The local driver refuses the hidden file through the API meanwhile.
      if (STORAGE_DRIVER === 'local') expect(await isNotFound(item.url)).toBe(true);
    } finally {
      back();
    }
    // The periodic sweep (or `pnpm sweep`) finishes it as the server's delete worker would.
    const later = new Date(Date.now() + 2 * DELETE_RETRY_MAX_MS);
    const { pendingDeletes } = await runSweep({ ...h.deps, storage: arm.storage, now: () => later }, { graceMs: 6 * 3_600_000 });
    expect(pendingDeletes.failed).toBe(0);
    expect(pendingDeletes.deleted).toBeGreaterThanOrEqual(itemKeys(item.key).length);
    await expectHidden(item);
    expect((await adminPost(`/api/admin/reports/${await openReportId(item.id)}/dismiss`)).status).toBe(200);
    await expectShown(item, bytes);
  });

  it('copied but not yet deleted: the worker deletes the public object and keeps the quarantined one', async () => {
    const item = await publish();
    const back = storageFails('delete');
    try {
      expect((await report(item.id)).status).toBe(201);
      const now = await where(item);
      expect(now.quarantine).toEqual(item.owned);
      expect(now.public).toEqual(item.owned);
    } finally {
      back();
    }
    await workerPass();
    await expectHidden(item);
  });

  it('a dismiss arriving while a retried move is halfway waits for it, then moves everything back', async () => {
    const item = await publish();
    const bytes = await bytesAt(item.url);
    const back = storageFails('copy');
    await report(item.id);
    back();
    // The worker's first copy into quarantine stalls until the dismiss has been sent.
    let reached!: () => void;
    let release!: () => void;
    const atCopy = new Promise<void>((resolve) => (reached = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    let isFirst = true;
    const stalling = {
      ...arm.storage,
      copy: async (...args: Parameters<typeof arm.storage.copy>) => {
        if (isFirst) {
          isFirst = false;
          reached();
          await gate;
        }
        return arm.storage.copy(...args);
      },
    };
    const later = new Date(Date.now() + 2 * DELETE_RETRY_MAX_MS);
    // Looked up first: on PGlite (one connection) nothing else runs while the worker holds the lock.
    const reportId = await openReportId(item.id);
    const worker = runPendingDeletes({ ...h.deps, storage: stalling, now: () => later });
    await atCopy;
    const dismissed = adminPost(`/api/admin/reports/${reportId}/dismiss`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    expect((await dismissed).status).toBe(200);
    await worker;
    await workerPass();
    await expectShown(item, bytes);
  });

  it('a dismiss before the failed move ran leaves the objects public, and the records settle without moving them', async () => {
    const item = await publish();
    const bytes = await bytesAt(item.url);
    const back = storageFails('copy');
    try {
      await report(item.id);
      expect((await adminPost(`/api/admin/reports/${await openReportId(item.id)}/dismiss`)).status).toBe(200);
    } finally {
      back();
    }
    await workerPass();
    await expectShown(item, bytes);
  });
});
