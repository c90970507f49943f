import { describe, expect, it } from 'vitest';
import type { MediaRecord } from '../ports/records';
import type { TMediaSource } from '../schemas/common';
import type { TShareOptions } from '../schemas/share';
import { createTestDeps, MARK } from '../testing/test-deps';
import { applyShare } from './apply-share';

const COMMUNITY: TShareOptions = { shareToCommunity: true, tags: ['night'], policyAgreed: true };
const LINK_ONLY: TShareOptions = { shareToCommunity: false, tags: [], policyAgreed: false };

/** One user's item in the vault, its bytes in storage, and the canonical tags. */
const arrange = async ({ source = 'upload', config = {} }: { source?: TMediaSource; config?: { claimWaitMs?: number } } = {}) => {
  const t = createTestDeps({
    config: { share: { claimTtlMs: 30_000, claimWaitMs: config.claimWaitMs ?? 0, lockTimeoutMs: 1_000 } },
  });
  t.memory.state.tags.push(
    { id: 101, slug: 'night', label: 'Night', active: true },
    { id: 102, slug: 'urban', label: 'Urban', active: true },
    { id: 103, slug: 'retired', label: 'Retired', active: false },
  );
  const media: MediaRecord = await t.deps.db.media.create({
    userId: 1,
    filePath: `1/uploads/a.png`,
    fileName: 'Beach Photo.png',
    mimeType: 'image/png',
    size: 5,
    width: 4,
    height: 3,
    durationMs: null,
    source,
  });
  await t.files.storage.put('user-media', media.filePath, Buffer.from('bytes'), { contentType: 'image/png' });
  const share = (options: TShareOptions, userId = 1) => applyShare(t.deps, { userId, mediaId: media.id, options });
  const otherClaim = (expiresInMs: number) =>
    t.memory.state.claims.push({
      mediaId: media.id,
      claimId: 'another-request',
      filePath: 'theirs-00000000.png',
      expiresAt: new Date(t.deps.now().getTime() + expiresInMs),
    });
  return { ...t, media, share, otherClaim };
};

describe('applyShare', () => {
  it('copies an upload watermarked, tags the copy and leaves no claim or intent behind', async () => {
    const t = await arrange();
    const result = await t.share(COMMUNITY);
    expect(result.shareCode).toMatch(/^[0-9a-f]{32}$/);
    expect(result.shareUrl).toBe(`/shared/media/${result.shareCode}`);
    const [copy] = t.memory.state.community;
    expect(copy).toMatchObject({ id: result.communityMediaId, mediaId: t.media.id, userId: 1, watermarked: true, width: 4 });
    expect(result.communityUrl).toBe(`https://files.example/general/${copy?.filePath}`);
    expect(t.files.keys('general')).toEqual([copy?.filePath]);
    expect(copy?.filePath).toMatch(/^beach_photo-[0-9a-f]{8}\.png$/);
    expect(t.files.objects.get(`general/${copy?.filePath}`)?.bytes).toEqual(Buffer.concat([MARK, Buffer.from('bytes')]));
    expect(t.memory.state.communityTags).toEqual([{ communityMediaId: copy?.id, tagId: 101 }]);
    expect(t.memory.state.claims).toEqual([]);
    expect(t.memory.state.intents).toEqual([]);
    expect(t.memory.state.media[0]).toMatchObject({ isShared: true, shareToCommunity: true, shareCode: result.shareCode });
    expect(t.memory.state.activity).toEqual([
      {
        userId: 1,
        action: 'media_shared',
        feature: 'media_gallery',
        details: {
          mediaId: t.media.id,
          shareCode: result.shareCode,
          shareToCommunity: true,
          communityMediaId: copy?.id,
          tags: ['night'],
        },
      },
    ]);
  });

  it('copies generated media byte for byte, without tags or agreement', async () => {
    const t = await arrange({ source: 'babecock' });
    await t.share({ shareToCommunity: true, tags: [], policyAgreed: false });
    const [copy] = t.memory.state.community;
    expect(copy?.watermarked).toBe(false);
    expect(t.files.objects.get(`general/${copy?.filePath}`)?.bytes.toString()).toBe('bytes');
  });

  it('checks the request against the item before writing anything', async () => {
    const t = await arrange();
    const before = structuredClone(t.memory.state);
    await expect(t.share({ ...COMMUNITY, policyAgreed: false })).rejects.toMatchObject({ code: 'policyRequired', status: 400 });
    await expect(t.share({ ...COMMUNITY, tags: ['night', 'nope', 'retired'] })).rejects.toMatchObject({
      message: 'Unknown tags: nope, retired',
    });
    await expect(t.share(COMMUNITY, 2)).rejects.toMatchObject({ code: 'mediaNotFound', status: 404 });
    expect(t.memory.state).toEqual(before);
    expect(t.files.keys('general')).toEqual([]);
  });

  describe('claims: another request copying the same item', () => {
    it('answers 503 when another request’s copy is still under way past the wait, changing nothing', async () => {
      const t = await arrange();
      t.otherClaim(10_000);
      await expect(t.share(COMMUNITY)).rejects.toMatchObject({ code: 'mediaBusy', status: 503, headers: { 'Retry-After': '2' } });
      expect(t.memory.state.community).toEqual([]);
      expect(t.memory.state.claims.map((c) => c.claimId)).toEqual(['another-request']);
    });

    it('waits for a live claim to end, then shares', async () => {
      const t = await arrange({ config: { claimWaitMs: 60_000 } });
      t.otherClaim(10_000);
      // The other request finishes while this one waits between its first and second look.
      t.memory.hooks.onLock = (count) => {
        if (count === 2) t.memory.state.claims = [];
      };
      const result = await t.share(COMMUNITY);
      expect(result.communityMediaId).toBe(t.memory.state.community[0]?.id);
      expect(t.memory.state.claims).toEqual([]);
    });

    it('takes over the claim of a request that died (an expired lease)', async () => {
      const t = await arrange();
      t.otherClaim(-1);
      await t.share(COMMUNITY);
      expect(t.memory.state.community).toHaveLength(1);
      expect(t.memory.state.claims).toEqual([]);
    });

    it('throws its copy away when its claim was taken while copying, and tries again', async () => {
      const t = await arrange();
      // Between the copy and its record, the lease ran out and another request took the claim.
      t.memory.hooks.onLock = (count) => {
        if (count === 2) {
          t.memory.state.claims = [
            { mediaId: t.media.id, claimId: 'thief', filePath: 'other-00000000.png', expiresAt: new Date(0) },
          ];
        }
      };
      const result = await t.share(COMMUNITY);
      const [copy] = t.memory.state.community;
      expect(t.memory.state.community).toHaveLength(1);
      expect(result.communityMediaId).toBe(copy?.id);
      // The first copy is gone with its intent; only the recorded one stays.
      expect(t.files.keys('general')).toEqual([copy?.filePath]);
      expect(t.memory.state.intents).toEqual([]);
      expect(t.memory.state.claims).toEqual([]);
    });

    it('gives the claim back and leaves nothing when the copy fails', async () => {
      const t = await arrange();
      t.files.failNext('put');
      await expect(t.share(COMMUNITY)).rejects.toThrow('armed failure of put');
      expect(t.memory.state.claims).toEqual([]);
      expect(t.memory.state.community).toEqual([]);
      expect(t.memory.state.intents).toEqual([]);
      expect(t.files.keys('general')).toEqual([]);
    });

    it('answers 503 when another session holds the item’s lock', async () => {
      const t = await arrange();
      t.memory.holdLock(t.media.id);
      await expect(t.share(LINK_ONLY)).rejects.toMatchObject({ code: 'mediaBusy' });
      expect(t.memory.state.media[0]?.shareCode).toBeNull();
    });
  });

  it('replaces the tag set when shared again, never making a second copy', async () => {
    const t = await arrange();
    const first = await t.share(COMMUNITY);
    const again = await t.share({ ...COMMUNITY, tags: ['Urban ', 'urban'] });
    expect(again).toEqual(first);
    expect(t.memory.state.community).toHaveLength(1);
    expect(t.memory.state.communityTags.map((a) => a.tagId)).toEqual([102]);
    expect(t.files.keys('general')).toHaveLength(1);
  });

  it('takes a community copy out on a link-only share, keeping the code', async () => {
    const t = await arrange();
    const shared = await t.share(COMMUNITY);
    const linkOnly = await t.share(LINK_ONLY);
    expect(linkOnly).toEqual({ shareCode: shared.shareCode, shareUrl: shared.shareUrl });
    expect(t.memory.state.community).toEqual([]);
    expect(t.memory.state.communityTags).toEqual([]);
    expect(t.files.keys('general')).toEqual([]);
    expect(t.memory.state.intents).toEqual([]);
    expect(t.memory.state.activity.at(-1)).toEqual({
      userId: 1,
      action: 'media_community_unshared',
      feature: 'media_gallery',
      details: { mediaId: t.media.id, communityMediaId: shared.communityMediaId, shareCode: shared.shareCode },
    });
  });
});
