import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage, readFixture } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { activity, share, shareState, unshare } from './support/share';

let h: Harness;
let owner: TestUser;
beforeAll(async () => {
  h = await createHarness({ env: { SHARE_LOCK_TIMEOUT_MS: '300' } });
  owner = await createUser(h.app);
});
afterAll(() => h.close());

const community = { tags: ['night', 'urban'], policyAgreed: true };

describe('DELETE /api/media/:id/share', () => {
  it('deletes the share code, removes the community copy and clears both flags', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png'), 'city.png');
    const shared = await share(h, owner, item.id, community);
    const copyPath = (await shareState(h, item.id)).community[0]?.filePath;

    const res = await unshare(h, owner, item.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: item.id, isShared: false, shareToCommunity: false, shareCode: null, shareUrl: null });
    const state = await shareState(h, item.id);
    expect(state.media).toMatchObject({ isShared: false, shareToCommunity: false, shareCode: null });
    expect(state.community).toEqual([]);
    expect(await h.objects('general')).not.toContain(copyPath);
    // The link stops at once.
    expect((await call(h.app, `/api/shared/media/${shared.body.shareCode}`)).status).toBe(404);
    expect((await call(h.app, `/api/shared/media/${shared.body.shareCode}/file`)).status).toBe(404);
    expect((await activity(h, owner.id)).at(-1)).toMatchObject({
      action: 'media_share_deleted',
      feature: 'media_gallery',
      details: { mediaId: item.id, shareCode: shared.body.shareCode },
    });

    // A new share afterwards gets a new code.
    const again = await share(h, owner, item.id, { shareToCommunity: false });
    expect(again.body.shareCode).not.toBe(shared.body.shareCode);
  });

  it('is harmless on an item that is not shared', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png'));
    const res = await unshare(h, owner, item.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ isShared: false, shareCode: null });
  });

  it('logs community removal as its own action', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png'));
    await share(h, owner, item.id, community);
    await share(h, owner, item.id, { shareToCommunity: false });
    // Exactly one entry per event: the community share, then the link-only share and the removal.
    const actions = (await activity(h, owner.id)).filter((a) => a.details.mediaId === item.id).map((a) => a.action);
    expect(actions).toEqual(['media_shared', 'media_shared', 'media_community_unshared']);
  });
});

describe('what a share link shows', () => {
  it('GET /api/shared/media/:code gives public facts only, and /file the bytes with Range', async () => {
    const bytes = readFixture('clip.webm');
    const { body: item } = await uploadFile(h.app, owner, bytes, 'clip.webm');
    const shared = await share(h, owner, item.id, { shareToCommunity: false });

    const info = await call(h.app, `/api/shared/media/${shared.body.shareCode}`);
    expect(info.status).toBe(200);
    expect(info.body).toEqual({
      shareCode: shared.body.shareCode,
      mimeType: 'video/webm',
      kind: 'video',
      size: bytes.length,
      width: null,
      height: null,
      fileUrl: `/api/shared/media/${shared.body.shareCode}/file`,
      createdAt: item.createdAt,
      // Renditions are made off the request: pending until the job has run.
      thumbnailUrl: null,
      previewUrl: null,
      placeholder: null,
      durationMs: null,
      allowDownload: true,
      mature: false,
      title: null,
      caption: null,
      altText: null,
    });

    const file = await call(h.app, info.body.fileUrl, { headers: { range: 'bytes=0-99' } });
    expect(file.status).toBe(206);
    expect(file.headers.get('content-type')).toBe('video/webm');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-range')).toBe(`bytes 0-99/${bytes.length}`);
    expect(Buffer.from(await file.raw.arrayBuffer()).equals(bytes.subarray(0, 100))).toBe(true);
    const whole = await call(h.app, info.body.fileUrl);
    expect(Buffer.from(await whole.raw.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it.each(['nope', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(32), '%00'])('answers 404 for the unknown code %j', async (code) => {
    const res = await call(h.app, `/api/shared/media/${code}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'Shared media not found' });
  });
});

describe('the original and its community copy', () => {
  it('deleting the original from the vault keeps the community copy, its row and tags', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('jpeg'), 'keep.jpg');
    const shared = await share(h, owner, item.id, community);
    const [copy] = (await shareState(h, item.id)).community;

    expect((await call(h.app, `/api/user/media/${item.id}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204);
    const [row] = await h.sql
      .select()
      .from(schema.communityMedia)
      .where(eq(schema.communityMedia.id, shared.body.communityMediaId));
    expect(row).toMatchObject({ id: copy?.id, mediaId: null, filePath: copy?.filePath });
    const tags = await h.sql
      .select()
      .from(schema.communityMediaTags)
      .where(eq(schema.communityMediaTags.communityMediaId, shared.body.communityMediaId));
    expect(tags).toHaveLength(2);
    expect((await h.fetchPublic(shared.body.communityUrl)).status).toBe(200);
    expect(await h.objects('user-media')).not.toContain(item.filePath);
    // The link pointed at the original, which is gone.
    expect((await call(h.app, `/api/shared/media/${shared.body.shareCode}`)).status).toBe(404);
  });
});

describe.runIf(inject('dbMode') === 'postgres')('a bounded wait for the lock', () => {
  it('answers 503 with Retry-After while another session holds the item’s lock, and changes nothing', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png'));
    const holder = postgres(inject('databaseUrl'), { max: 1 });
    try {
      await holder.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(${0x6d73}, ${item.id})`;
        const res = await share(h, owner, item.id, { shareToCommunity: false });
        expect(res.status).toBe(503);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(res.body.message).toMatch(/try again/);
      });
    } finally {
      await holder.end();
    }
    expect((await shareState(h, item.id)).media).toMatchObject({ isShared: false, shareCode: null });
    expect((await share(h, owner, item.id, { shareToCommunity: false })).status).toBe(200);
  });
});
