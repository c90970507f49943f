import { describe, expect, it } from 'vitest';
import { ERRORS } from '../errors';
import type { TShareOptions } from '../schemas/share';
import { policyStatement } from '../schemas/moderation';
import { applyShare } from '../share/apply-share';
import { createTestDeps } from '../testing/test-deps';

const COMMUNITY: TShareOptions = { shareToCommunity: true, tags: ['night'], policyAgreed: true };

/** An item in the vault whose picture hashes to `hash` (the fake image service answers it). */
const arrange = async (hash: string | null) => {
  const t = createTestDeps({ imaging: { perceptualHash: async () => hash } });
  t.memory.state.tags.push({ id: 101, slug: 'night', label: 'Night', active: true });
  t.memory.state.users.push({
    id: 1,
    email: 'owner@example.test',
    username: 'owner',
    passwordHash: 'x',
    role: 'user',
    communityBannedAt: null,
    showMature: false,
    createdAt: new Date(0),
  });
  const media = await t.deps.db.media.create({
    userId: 1,
    filePath: '1/uploads/a.png',
    fileName: 'a.png',
    mimeType: 'image/png',
    size: 5,
    width: 4,
    height: 3,
    durationMs: null,
    source: 'upload',
  });
  await t.files.storage.put('user-media', media.filePath, Buffer.from('bytes'), { contentType: 'image/png' });
  const share = (options: TShareOptions) => applyShare(t.deps, { userId: 1, mediaId: media.id, options, reqId: 'req-1' });
  return { ...t, media, share };
};

describe('publication rules', () => {
  it('stores a receipt of the policy in force with the request id, and the hash on the copy', async () => {
    const t = await arrange('00ff00ff00ff00ff');
    await t.share({ ...COMMUNITY, mature: true });
    const [copy] = t.memory.state.community;
    expect(copy).toMatchObject({ mature: true, perceptualHash: '00ff00ff00ff00ff', moderationStatus: 'visible' });
    expect(t.memory.state.receipts).toEqual([
      expect.objectContaining({
        communityMediaId: copy!.id,
        userId: 1,
        policyVersion: 'test-1',
        policySha256: t.deps.config.policy.sha256,
        statement: policyStatement('test-1'),
        reqId: 'req-1',
      }),
    ]);
  });

  it('refuses an outdated policy version and a banned owner before anything is copied', async () => {
    const t = await arrange(null);
    await expect(t.share({ ...COMMUNITY, policyVersion: 'test-0' })).rejects.toMatchObject({ code: ERRORS.policyOutdated.code });
    t.memory.state.users[0]!.communityBannedAt = new Date();
    await expect(t.share(COMMUNITY)).rejects.toMatchObject({ code: ERRORS.communityBanned.code });
    expect(t.memory.state.community).toEqual([]);
    expect(t.files.keys('general')).toEqual([]);
    // Links are not publications.
    await expect(t.share({ shareToCommunity: false, tags: [], policyAgreed: false })).resolves.toBeDefined();
  });

  it('refuses a picture within the threshold of a blocked one, logs it, and leaves nothing behind', async () => {
    const t = await arrange('00ff00ff00ff00ff');
    // 6 bits away: the same picture as far as the blocklist is concerned.
    t.memory.state.blockedHashes.push({ perceptualHash: '00ff00ff00ff0ff3', communityMediaId: 9 });
    await expect(t.share(COMMUNITY)).rejects.toMatchObject({ code: ERRORS.mediaBlocked.code });
    expect(t.memory.state.community).toEqual([]);
    expect(t.memory.state.claims).toEqual([]);
    expect(t.files.keys('general')).toEqual([]);
    expect(t.memory.state.moderationLog).toEqual([
      expect.objectContaining({
        action: 'share_blocked',
        targetKind: 'media',
        targetId: t.media.id,
        details: expect.objectContaining({ communityMediaId: 9 }),
      }),
    ]);
  });

  it('lets a picture further than the threshold through', async () => {
    const t = await arrange('00ff00ff00ff00ff');
    t.memory.state.blockedHashes.push({ perceptualHash: 'ff0000ff00ff00ff', communityMediaId: 9 });
    await expect(t.share(COMMUNITY)).resolves.toMatchObject({ communityMediaId: expect.any(Number) });
  });
});
