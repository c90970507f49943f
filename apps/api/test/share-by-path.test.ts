import { BUCKETS } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage, readFixture } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { shareState } from './support/share';

let h: Harness;
let owner: TestUser;
let other: TestUser;
beforeAll(async () => {
  h = await createHarness();
  owner = await createUser(h.app);
  other = await createUser(h.app);
});
afterAll(() => h.close());

const byPath = (user: TestUser, body: unknown) => call(h.app, '/api/user/media/share', { json: body, cookie: user.cookie });
const rowsUnder = async (prefix: string) =>
  h.sql
    .select()
    .from(schema.media)
    .where(like(schema.media.filePath, `${prefix}%`));

describe('POST /api/user/media/share', () => {
  it('shares an item the database knows by its path, like sharing by id', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('jpeg'), 'trip.jpg');
    const res = await byPath(owner, { filePath: item.filePath, tags: ['travel'], policyAgreed: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      mediaId: item.id,
      shareUrl: `/shared/media/${res.body.shareCode}`,
      communityMediaId: expect.any(Number),
    });
    expect((await shareState(h, item.id)).tags).toEqual(['travel']);
  });

  it('accepts the path with its bucket in front', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png'));
    const res = await byPath(owner, { filePath: `user-media/${item.filePath}`, shareToCommunity: false });
    expect(res.status).toBe(200);
    expect(res.body.mediaId).toBe(item.id);
  });

  it.each([
    [`generated/babecock/x.png`, 'babecock', false],
    [`generated/hypnococks/x.png`, 'hypnococks', false],
    [`generated/smart-caption/deep/x.png`, 'smart-caption', false],
    [`uploads/x.png`, 'upload', true],
    [`elsewhere/x.png`, 'upload', true],
    [`generated/unknown-app/x.png`, 'upload', true],
  ])('creates the row for a stored object it has not seen (%s -> %s)', async (rest, source, watermarked) => {
    const key = `${owner.id}/${rest.replace('x.png', `x-${Math.random().toString(16).slice(2)}.png`)}`;
    await h.deps.storage.put(BUCKETS.userMedia, key, await makeImage('png', 90, 60), { contentType: 'image/png' });
    const res = await byPath(owner, { filePath: key, tags: ['night'], policyAgreed: true });
    expect(res.status).toBe(200);
    const [row] = await h.sql.select().from(schema.media).where(eq(schema.media.filePath, key));
    expect(row).toMatchObject({ id: res.body.mediaId, userId: owner.id, source, mimeType: 'image/png', width: 90, height: 60 });
    expect((await shareState(h, res.body.mediaId)).community[0]?.watermarked).toBe(watermarked);
  });

  it('creates the row once even under concurrent calls', async () => {
    const key = `${owner.id}/generated/babecock/race.mp4`;
    await h.deps.storage.put(BUCKETS.userMedia, key, readFixture('clip.mp4'), { contentType: 'video/mp4' });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => byPath(owner, { filePath: key, shareToCommunity: false })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(new Set(answers.map((a) => a.body.mediaId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.shareCode)).size).toBe(1);
    expect(await rowsUnder(key)).toHaveLength(1);
  });

  it('validates the share before creating a row: a bad request leaves nothing', async () => {
    const key = `${owner.id}/uploads/unvalidated.png`;
    await h.deps.storage.put(BUCKETS.userMedia, key, await makeImage('png'), { contentType: 'image/png' });
    const res = await byPath(owner, { filePath: key, tags: ['night'] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Policy confirmation is required for upload sharing' });
    expect(await rowsUnder(key)).toHaveLength(0);
  });

  it('refuses stored bytes that are not an accepted type with 415, and makes no row', async () => {
    const key = `${owner.id}/uploads/page.png`;
    await h.deps.storage.put(BUCKETS.userMedia, key, Buffer.from('<html><script>alert(1)</script></html>'), {
      contentType: 'image/png',
    });
    const res = await byPath(owner, { filePath: key, shareToCommunity: false });
    expect(res.status).toBe(415);
    expect(await rowsUnder(key)).toHaveLength(0);
  });

  describe('hostile and foreign paths', () => {
    const hostile = () => [
      `${owner.id}/../${other.id}/uploads/theirs.png`,
      `${owner.id}/uploads/../../${other.id}/uploads/theirs.png`,
      `../${other.id}/uploads/theirs.png`,
      `/${other.id}/uploads/theirs.png`,
      `/etc/passwd`,
      `${owner.id}/%2e%2e/${other.id}/uploads/theirs.png`,
      `${owner.id}%2F..%2F${other.id}%2Fuploads%2Ftheirs.png`,
      `${owner.id}\\..\\${other.id}\\uploads\\theirs.png`,
      `${owner.id}/./uploads/mine.png`,
      `${owner.id}//uploads/mine.png`,
      `${other.id}/uploads/theirs.png`,
      `user-media/${other.id}/uploads/theirs.png`,
      `${owner.id}/uploads/missing.png`,
      `${owner.id}`,
      `${owner.id}/`,
      `${owner.id}0/uploads/theirs.png`,
      `${owner.id}/uploads/nul\u0000.png`,
      `general/${owner.id}/x.png`,
    ];

    it('answers every one with 404, never a row and never a share', async () => {
      await h.deps.storage.put(BUCKETS.userMedia, `${other.id}/uploads/theirs.png`, await makeImage('png'), {
        contentType: 'image/png',
      });
      await h.deps.storage.put(BUCKETS.userMedia, `${owner.id}/uploads/mine.png`, await makeImage('png'), {
        contentType: 'image/png',
      });
      for (const filePath of hostile()) {
        const res = await byPath(owner, { filePath, shareToCommunity: false });
        expect([filePath, res.status, res.body]).toEqual([filePath, 404, { message: 'Media not found' }]);
      }
      expect(await rowsUnder(`${other.id}/`)).toHaveLength(0);
      expect(await rowsUnder(`${owner.id}/uploads/mine`)).toHaveLength(0);
    });

    it.each([
      [{}, /"filePath"/],
      [{ filePath: '' }, /"filePath"/],
      [{ filePath: 42 }, /"filePath"/],
      [{ filePath: 'x'.repeat(2000) }, /"filePath"/],
      [{ filePath: `${1}/a.png`, extra: true }, /Unknown field "extra"/],
    ])('answers a malformed body %j with 400', async (body, message) => {
      const res = await byPath(owner, body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    });
  });
});
