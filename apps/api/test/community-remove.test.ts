import { DELETE_RETRY_MAX_MS, runPendingDeletes } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armable } from './support/faults';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { activity, publicBucketConsistency, share, shareState } from './support/share';
import { outcome, trpcFor } from './support/trpc-client';

let h: Harness;
let arm: ReturnType<typeof armable>;
let owner: TestUser;
let stranger: TestUser;
beforeAll(async () => {
  h = await createHarness({ isolated: true, wrapPorts: (storage, database) => (arm = armable(storage, database)) });
  owner = await createUser(h.app);
  stranger = await createUser(h.app);
});
afterAll(() => h.close());

const community = { tags: ['night', 'urban'], policyAgreed: true };
const remove = (id: number | string, user: TestUser | null = owner) =>
  call(h.app, `/api/community/${id}`, { method: 'DELETE', ...(user ? { cookie: user.cookie } : {}) });

/** Uploads an image and shares it to the community; returns the media id, the community id and its file. */
const published = async (name = 'harbour.png') => {
  const { body: item } = await uploadFile(h.app, owner, await makeImage('png'), name);
  const res = await share(h, owner, item.id, community);
  expect(res.status).toBe(200);
  const [row] = (await shareState(h, item.id)).community;
  return {
    mediaId: item.id as number,
    id: res.body.communityMediaId as number,
    filePath: row!.filePath,
    shareCode: res.body.shareCode,
  };
};
const communityRow = async (id: number) =>
  (await h.sql.select().from(schema.communityMedia).where(eq(schema.communityMedia.id, id)))[0] ?? null;
const tagRows = (id: number) =>
  h.sql.select().from(schema.communityMediaTags).where(eq(schema.communityMediaTags.communityMediaId, id));

describe('DELETE /api/community/:id', () => {
  it('unpublishes an item whose original was deleted from the vault: row, tags and public file go', async () => {
    const item = await published();
    expect((await call(h.app, `/api/user/media/${item.mediaId}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204);
    // The copy outlives the original, as documented, until its owner removes it.
    expect(await communityRow(item.id)).toMatchObject({ mediaId: null });
    expect((await call(h.app, `/api/community/${item.id}`)).status).toBe(200);

    const res = await remove(item.id);
    expect(res.status).toBe(204);
    expect(await communityRow(item.id)).toBeNull();
    expect(await tagRows(item.id)).toEqual([]);
    expect(await h.objects('general')).not.toContain(item.filePath);
    expect((await call(h.app, `/api/community/${item.id}`)).status).toBe(404);
    const feed = (await call(h.app, '/api/community')).body as { items: { id: number }[] };
    expect(feed.items.map((i) => i.id)).not.toContain(item.id);
    expect((await activity(h, owner.id)).at(-1)).toMatchObject({
      action: 'media_community_unshared',
      feature: 'media_gallery',
      details: { mediaId: null, communityMediaId: item.id },
    });
    expect(await publicBucketConsistency(h)).toEqual({ rowsWithoutObject: [], objectsWithoutRow: [] });
  });

  it('with the original still in the vault, clears its community flag and keeps its share link', async () => {
    const item = await published();
    expect((await remove(item.id)).status).toBe(204);

    const state = await shareState(h, item.mediaId);
    expect(state.media).toMatchObject({ isShared: true, shareToCommunity: false, shareCode: item.shareCode });
    expect(state.community).toEqual([]);
    expect(await h.objects('general')).not.toContain(item.filePath);
    expect((await call(h.app, `/api/shared/media/${item.shareCode}`)).status).toBe(200);
    expect((await activity(h, owner.id)).at(-1)).toMatchObject({
      action: 'media_community_unshared',
      details: { mediaId: item.mediaId, communityMediaId: item.id, shareCode: item.shareCode },
    });
    // Sharing it again makes a new copy.
    const again = await share(h, owner, item.mediaId, community);
    expect(again.status).toBe(200);
    expect(again.body.communityMediaId).not.toBe(item.id);
  });

  it('answers 404 for someone else’s item, exactly as for a missing one, and changes nothing', async () => {
    const item = await published();
    const theirs = await remove(item.id, stranger);
    const missing = await remove(2_000_000_000, stranger);
    expect(theirs).toMatchObject({ status: 404, body: { message: 'Community item not found' } });
    expect(missing).toMatchObject({ status: 404, body: { message: 'Community item not found' } });
    expect(await communityRow(item.id)).not.toBeNull();
    expect(await h.objects('general')).toContain(item.filePath);
  });

  it('answers 401 without a session, 400 for a malformed id, and 404 the second time', async () => {
    const item = await published();
    expect(await remove(item.id, null)).toMatchObject({ status: 401, body: { message: 'Authentication required' } });
    expect(await remove('abc')).toMatchObject({ status: 400, body: { message: 'Invalid community item ID' } });
    expect(await communityRow(item.id)).not.toBeNull();
    expect((await remove(item.id)).status).toBe(204);
    expect((await remove(item.id)).status).toBe(404);
  });

  it('answers 503 with Retry-After while the item is locked, and 500 on a database failure, changing nothing', async () => {
    const item = await published();
    arm.failNext('lock');
    const busy = await remove(item.id);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('2');
    arm.failNext('community.delete');
    expect(await remove(item.id)).toMatchObject({ status: 500, body: { message: 'Failed to remove from the Community feed' } });
    expect(await communityRow(item.id)).not.toBeNull();
    expect(await tagRows(item.id)).toHaveLength(2);
    expect((await shareState(h, item.mediaId)).media).toMatchObject({ shareToCommunity: true });
    expect(await h.objects('general')).toContain(item.filePath);
  });

  it('removes the row even when storage fails, and leaves the file to the delete worker', async () => {
    const item = await published();
    arm.failNext('storage.delete');
    expect((await remove(item.id)).status).toBe(204);
    expect(await communityRow(item.id)).toBeNull();
    // The pending delete recorded with the removal is what the worker retries, in seconds.
    const pending = await h.sql.select().from(schema.pendingDeletes).where(eq(schema.pendingDeletes.path, item.filePath));
    expect(pending).toHaveLength(1);
    expect(await h.objects('general')).toContain(item.filePath);
    await runPendingDeletes({ ...h.deps, now: () => new Date(Date.now() + DELETE_RETRY_MAX_MS) });
    expect(await h.objects('general')).not.toContain(item.filePath);
  });

  it('is the same over tRPC, where a read-only token may not do it', async () => {
    const item = await published();
    const client = trpcFor(h.app, owner.cookie);
    expect(await outcome(client.community.remove.mutate({ id: item.id }))).toEqual({ status: 200, body: null });
    expect(await communityRow(item.id)).toBeNull();
    expect(await outcome(client.community.remove.mutate({ id: item.id }))).toEqual({
      status: 404,
      body: { message: 'Community item not found' },
    });

    const other = await published();
    const token = (await call(h.app, '/api/user/tokens', { json: { name: 'reader', scopes: ['read'] }, cookie: owner.cookie }))
      .body.token as string;
    const reader = trpcFor(h.app, undefined, { authorization: `Bearer ${token}` });
    expect(await outcome(reader.community.remove.mutate({ id: other.id }))).toEqual({
      status: 403,
      body: { message: 'This API token lacks the "share" scope' },
    });
    expect(
      (await call(h.app, `/api/community/${other.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(403);
    expect(await communityRow(other.id)).not.toBeNull();
  });
});
