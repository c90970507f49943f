import { DELETE_RETRY_MAX_MS, itemKeys, runPendingDeletes } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armable } from './support/faults';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { share } from './support/share';

let h: Harness;
let arm: ReturnType<typeof armable>;
let owner: TestUser;
beforeAll(async () => {
  h = await createHarness({ wrapPorts: (storage, database) => (arm = armable(storage, database)) });
  owner = await createUser(h.app);
});
afterAll(() => h.close());

const published = async () => {
  const { body: item } = await uploadFile(h.app, owner, await makeImage('png'), 'public.png');
  const res = await share(h, owner, item.id, { shareToCommunity: true, tags: ['solo'], policyAgreed: true });
  expect(res.status).toBe(200);
  return { mediaId: item.id as number, communityId: res.body.communityMediaId as number, url: res.body.communityUrl as string };
};

const publicPath = (url: string) => decodeURIComponent(new URL(url).pathname.replace('/storage/v1/object/public/general/', ''));

/**
 * Storage refuses deletes: on the Supabase stand-in every DELETE answers 503 (the driver retries, then
 * gives up); on the local driver the port fails. `back()` ends the outage.
 */
const storageDown = () => {
  if (h.standIn) {
    h.standIn.inject({ type: 'status', status: 503 }, { method: 'DELETE', times: 1000 });
    return { back: () => h.standIn?.clearFaults() };
  }
  arm.down('storage');
  return { back: () => arm.down(null) };
};

/** One pass of the delete worker as it runs at `at` (by default once any backoff has passed): no sweep involved. */
const workerPass = (at = new Date(Date.now() + DELETE_RETRY_MAX_MS)) =>
  runPendingDeletes({ ...h.deps, storage: arm.storage, now: () => at });

describe.each([
  [
    'a link-only share',
    (item: Awaited<ReturnType<typeof published>>) => share(h, owner, item.mediaId, { shareToCommunity: false }),
  ],
  [
    'DELETE /api/community/:id',
    (item: Awaited<ReturnType<typeof published>>) =>
      call(h.app, `/api/community/${item.communityId}`, { method: 'DELETE', cookie: owner.cookie }),
  ],
  [
    'DELETE /api/media/:id/share',
    (item: Awaited<ReturnType<typeof published>>) =>
      call(h.app, `/api/media/${item.mediaId}/share`, { method: 'DELETE', cookie: owner.cookie }),
  ],
])('unpublishing by %s while storage is down', (_how, unpublish) => {
  it('answers, and the public file is gone once storage is back, without the sweep', async () => {
    const item = await published();
    const path = publicPath(item.url);
    expect(await h.objects('general')).toContain(path);

    const outage = storageDown();
    try {
      const res = await unpublish(item);
      expect(res.status).toBeLessThan(300);
      expect((await call(h.app, `/api/community/${item.communityId}`)).status).toBe(404);
      // Still down: a pass of the worker fails and keeps the records: the public file and the three keys
      // derived from it (thumbnail, preview, stripped copy), public as well.
      expect((await workerPass()).failed).toBeGreaterThanOrEqual(4);
    } finally {
      outage.back();
    }
    expect(await h.objects('general')).toContain(path);
    const queued = (await h.sql.select().from(schema.pendingDeletes)).filter((r) => itemKeys(path).includes(r.path));
    expect(queued.map((r) => r.path).sort()).toEqual(itemKeys(path).sort());
    const pending = queued.find((r) => r.path === path);
    expect(pending).toMatchObject({ bucket: 'general', path, attempts: 1 });
    expect(pending!.nextAttemptAt.getTime() - Date.now()).toBeLessThanOrEqual(DELETE_RETRY_MAX_MS + 2 * 1000);

    // The worker's next pass, when the records say they are due: storage is back, the files go.
    const due = new Date(Math.max(...queued.map((r) => r.nextAttemptAt.getTime())));
    expect((await workerPass(due)).deleted).toBeGreaterThanOrEqual(4);
    expect(await h.objects('general')).not.toContain(path);
    expect((await h.sql.select().from(schema.pendingDeletes)).filter((r) => itemKeys(path).includes(r.path))).toEqual([]);
    const intents = await h.sql.select().from(schema.storageIntents);
    expect(intents.filter((r) => itemKeys(path).includes(r.path))).toEqual([]);
  });
});
