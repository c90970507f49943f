import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage, readFixture } from './support/fixtures';
import { createHarness, INTERNAL_TOKEN, type Harness } from './support/harness';
import { call } from './support/http';
import { activity, share, shareState } from './support/share';
import { fileForm } from './support/factories';

// Every request example, response and error of the API documentation, replayed with its own bodies.
let h: Harness;
let owner: TestUser;
let other: TestUser;
beforeAll(async () => {
  h = await createHarness({ env: { INTERNAL_API_TOKEN: INTERNAL_TOKEN } });
  owner = await createUser(h.app);
  other = await createUser(h.app);
});
afterAll(() => h.close());

const uploadPhoto = async (name = 'beach_photo.jpg') =>
  (await uploadFile(h.app, owner, await makeImage('jpeg', 320, 240), name)).body as { id: number };

/** The store's public URL of a community copy named after beach_photo.jpg: local driver or Supabase. */
const communityUrlPattern = () => {
  const base = h.deps.storage
    .publicUrl('general', 'x')
    .slice(0, -1)
    .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^${base}beach_photo-[0-9a-f]{8}\\.jpg$`);
};

describe('POST /api/media/:id/share, as documented', () => {
  it('Request Example: shares to the community with tags and policy, answering every documented field', async () => {
    const { id } = await uploadPhoto();
    const res = await share(h, owner, id, { shareToCommunity: true, tags: ['brunette', 'solo', 'artistic'], policyAgreed: true });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['communityMediaId', 'communityUrl', 'shareCode', 'shareUrl']);
    expect(res.body.shareCode).toMatch(/^[0-9a-f]{32}$/);
    expect(res.body.shareUrl).toBe(`/shared/media/${res.body.shareCode}`);
    expect(res.body.communityUrl).toMatch(communityUrlPattern());
    expect(res.body.communityMediaId).toEqual(expect.any(Number));

    // Steps 2-5 of the Community Sharing Process.
    const state = await shareState(h, id);
    expect(state.media).toMatchObject({ isShared: true, shareToCommunity: true, shareCode: res.body.shareCode });
    expect(state.community).toHaveLength(1);
    expect(state.community[0]).toMatchObject({
      id: res.body.communityMediaId,
      mediaId: id,
      userId: owner.id,
      watermarked: true,
      mimeType: 'image/jpeg',
    });
    expect(state.tags).toEqual(['artistic', 'brunette', 'solo']);
    expect(await h.objects('general')).toContain(state.community[0]?.filePath);
    const fetched = await h.fetchPublic(res.body.communityUrl);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/jpeg');

    // Activity Tracking: one entry for the one share.
    const entries = (await activity(h, owner.id)).filter((a) => a.details.mediaId === id);
    expect(entries).toHaveLength(1);
    const logged = entries[0];
    expect(logged).toMatchObject({
      action: 'media_shared',
      feature: 'media_gallery',
      details: {
        mediaId: id,
        shareCode: res.body.shareCode,
        shareToCommunity: true,
        communityMediaId: res.body.communityMediaId,
      },
    });
  });

  it('cURL "Share to community with tags"', async () => {
    const { id } = await uploadPhoto();
    const res = await share(h, owner, id, { shareToCommunity: true, tags: ['brunette', 'solo'], policyAgreed: true });
    expect(res.status).toBe(200);
    expect(res.body.communityUrl).toMatch(communityUrlPattern());
  });

  it('cURL "Share without community (link only)": a share code and URL, no community copy', async () => {
    const { id } = await uploadPhoto();
    const res = await share(h, owner, id, { shareToCommunity: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      shareCode: expect.stringMatching(/^[0-9a-f]{32}$/),
      shareUrl: `/shared/media/${res.body.shareCode}`,
    });
    const state = await shareState(h, id);
    expect(state.media).toMatchObject({ isShared: true, shareToCommunity: false, shareCode: res.body.shareCode });
    expect(state.community).toEqual([]);
    const logged = (await activity(h, owner.id)).at(-1);
    expect(logged).toMatchObject({
      action: 'media_shared',
      feature: 'media_gallery',
      details: { mediaId: id, shareToCommunity: false },
    });
  });

  it('JavaScript (Fetch API) example', async () => {
    const { id } = await uploadPhoto();
    const res = await share(h, owner, id, { shareToCommunity: true, tags: ['brunette', 'artistic'], policyAgreed: true });
    expect(res.status).toBe(200);
    expect(res.body.shareUrl).toBe(`/shared/media/${res.body.shareCode}`);
  });

  it('"Unshare from Community": removes the copy, its row and tags, and keeps the share code', async () => {
    const { id } = await uploadPhoto();
    const first = await share(h, owner, id, { shareToCommunity: true, tags: ['brunette', 'artistic'], policyAgreed: true });
    const path = (await shareState(h, id)).community[0]?.filePath;
    const res = await share(h, owner, id, { shareToCommunity: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ shareCode: first.body.shareCode, shareUrl: first.body.shareUrl });
    const state = await shareState(h, id);
    expect(state.media).toMatchObject({ isShared: true, shareToCommunity: false, shareCode: first.body.shareCode });
    expect(state.community).toEqual([]);
    expect(state.tags).toEqual([]);
    expect(await h.objects('general')).not.toContain(path);
    expect((await h.fetchPublic(first.body.communityUrl)).status).not.toBe(200);
    // "Share code still exists for direct link sharing".
    expect((await call(h.app, `/api/shared/media/${first.body.shareCode}`)).status).toBe(200);
  });

  it('shareToCommunity defaults to true when absent', async () => {
    const { id } = await uploadPhoto();
    const res = await share(h, owner, id, { tags: ['night'], policyAgreed: true });
    expect(res.status).toBe(200);
    expect(res.body.communityMediaId).toEqual(expect.any(Number));
    expect((await shareState(h, id)).media?.shareToCommunity).toBe(true);
  });

  it('sharing an already shared item returns the same code and never makes a second copy', async () => {
    const { id } = await uploadPhoto();
    const a = await share(h, owner, id, { tags: ['night'], policyAgreed: true });
    const b = await share(h, owner, id, { tags: ['urban', 'street'], policyAgreed: true });
    expect(b.body).toEqual(a.body);
    const state = await shareState(h, id);
    expect(state.community).toHaveLength(1);
    expect(state.tags).toEqual(['street', 'urban']);
  });

  it('generated media needs neither tags nor policy, and is copied byte for byte', async () => {
    const png = await makeImage('png');
    const generated = await call(h.app, `/api/internal/users/${owner.id}/generated/smart-caption`, {
      method: 'POST',
      body: fileForm(png, 'caption.png'),
      headers: { authorization: `Bearer ${INTERNAL_TOKEN}` },
    });
    const res = await share(h, owner, generated.body.id, {});
    expect(res.status).toBe(200);
    const state = await shareState(h, generated.body.id);
    expect(state.community[0]).toMatchObject({ watermarked: false, source: 'smart-caption' });
    expect(state.tags).toEqual([]);
  });
});

describe('documented errors, word for word', () => {
  it.each(['abc', '-5', '0', '4.5'])('400 Invalid media ID for %j', async (id) => {
    const res = await share(h, owner, id, { shareToCommunity: false });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Invalid media ID' });
  });

  it.each([{ tags: ['brunette'] }, { tags: ['brunette'], policyAgreed: false }, { shareToCommunity: true, tags: ['solo'] }])(
    '400 Policy confirmation is required for upload sharing: %j',
    async (body) => {
      const { id } = await uploadPhoto();
      const res = await share(h, owner, id, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: 'Policy confirmation is required for upload sharing' });
      expect((await shareState(h, id)).media).toMatchObject({ isShared: false, shareCode: null });
    },
  );

  it.each([{ policyAgreed: true }, { policyAgreed: true, tags: [] }, { policyAgreed: true, tags: ['  '] }])(
    '400 At least one tag is required for upload sharing: %j',
    async (body) => {
      const { id } = await uploadPhoto();
      const res = await share(h, owner, id, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: 'At least one tag is required for upload sharing' });
      expect((await shareState(h, id)).media).toMatchObject({ isShared: false, shareCode: null });
    },
  );

  it('the policy and tag rules hold for every type of upload, videos and GIFs included', async () => {
    const video = await uploadFile(h.app, owner, readFixture('clip.mp4'), 'clip.mp4');
    const res = await share(h, owner, video.body.id, { tags: ['night'] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Policy confirmation is required for upload sharing' });
  });

  it('404 Media not found for a missing id and for another user’s media, alike', async () => {
    const { id } = await uploadPhoto();
    const theirs = await share(h, other, id, { shareToCommunity: false });
    const missing = await share(h, other, 2_000_000_000, { shareToCommunity: false });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual({ message: 'Media not found' });
    expect(missing.body).toEqual(theirs.body);
    expect((await shareState(h, id)).media).toMatchObject({ isShared: false });
  });

  it('401 Authentication required without a session', async () => {
    const { id } = await uploadPhoto();
    const res = await call(h.app, `/api/media/${id}/share`, { json: { shareToCommunity: false } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'Authentication required' });
  });
});

describe('messages we add keep the { message } shape and name what was wrong', () => {
  it.each([
    [{ tags: ['brunette', 'no-such-tag', 'nor-this'], policyAgreed: true }, 'Unknown tags: no-such-tag, nor-this'],
    [{ tags: ['night', 'made-up'], policyAgreed: true }, 'Unknown tag: made-up'],
    [
      {
        tags: Array.from(
          { length: 11 },
          (_, i) => ['night', 'urban', 'street', 'travel', 'water', 'snow', 'summer', 'winter', 'forest', 'beach', 'sunset'][i],
        ),
        policyAgreed: true,
      },
      'Too many tags: 11 given, at most 10 allowed',
    ],
    [{ tags: 'brunette', policyAgreed: true }, /^Invalid field "tags": /],
    [{ shareToCommunity: 'yes' }, /^Invalid field "shareToCommunity": /],
    [{ policyAgreed: 1 }, /^Invalid field "policyAgreed": /],
    [{ shareToCommunity: false, password: 'x' }, 'Unknown field "password"'],
    [[true], /^Invalid request: /],
  ])('%j -> 400 %s', async (body, message) => {
    const { id } = await uploadPhoto();
    const res = await share(h, owner, id, body);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body)).toEqual(['message']);
    expect(res.body.message).toMatch(message);
    expect((await shareState(h, id)).media).toMatchObject({ isShared: false, shareCode: null });
  });

  it('normalises tags: trimmed, lower-cased, duplicates collapsed', async () => {
    const { id } = await uploadPhoto();
    const res = await share(h, owner, id, { tags: [' Night ', 'night', 'URBAN'], policyAgreed: true });
    expect(res.status).toBe(200);
    expect((await shareState(h, id)).tags).toEqual(['night', 'urban']);
  });

  it('malformed JSON is a 400', async () => {
    const { id } = await uploadPhoto();
    const res = await call(h.app, `/api/media/${id}/share`, {
      body: '{"shareToCommunity": tru',
      cookie: owner.cookie,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Malformed JSON body' });
  });
});
