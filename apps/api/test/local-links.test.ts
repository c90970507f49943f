import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUCKETS } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, STORAGE_DRIVER, type Harness } from './support/harness';
import { call } from './support/http';

// Symbolic links exist only on the local driver: a link placed in the data folder (by hand, or by another
// program writing there) must never let a path reach a file it does not name.
let h: Harness;
let owner: TestUser;
let other: TestUser;
let outside: string;
const inBucket = (bucket: string, key: string) => path.join(h.storageRoot, bucket, ...key.split('/'));

beforeAll(async () => {
  h = await createHarness();
  owner = await createUser(h.app);
  other = await createUser(h.app);
  outside = await mkdtemp(path.join(tmpdir(), 'mediashare-outside-'));
  const png = await makeImage('png');
  await writeFile(path.join(outside, 'elsewhere.png'), png);
  await h.deps.storage.put(BUCKETS.userMedia, `${other.id}/uploads/theirs.png`, png, { contentType: 'image/png' });
  await mkdir(inBucket(BUCKETS.userMedia, `${owner.id}/uploads`), { recursive: true });
  await symlink(path.join(outside, 'elsewhere.png'), inBucket(BUCKETS.userMedia, `${owner.id}/uploads/outside.png`));
  await symlink(
    inBucket(BUCKETS.userMedia, `${other.id}/uploads/theirs.png`),
    inBucket(BUCKETS.userMedia, `${owner.id}/uploads/theirs.png`),
  );
  await symlink(inBucket(BUCKETS.userMedia, `${other.id}/uploads`), inBucket(BUCKETS.userMedia, `${owner.id}/linked`));
  await symlink(outside, inBucket(BUCKETS.userMedia, `${owner.id}/generated`));
});
afterAll(async () => {
  await h.close();
  await rm(outside, { recursive: true, force: true });
});

describe.runIf(STORAGE_DRIVER === 'local')('symbolic links in the local buckets', () => {
  it.each([
    ['a file linked to outside the data folder', (id: number) => `${id}/uploads/outside.png`],
    ["a file linked to another user's object", (id: number) => `${id}/uploads/theirs.png`],
    ["a folder linked to another user's folder", (id: number) => `${id}/linked/theirs.png`],
    ['a folder linked to outside the data folder', (id: number) => `${id}/generated/elsewhere.png`],
  ])('POST /api/user/media/share answers 404 for %s, and makes no row and no copy', async (_label, pathFor) => {
    const filePath = pathFor(owner.id);
    for (const body of [
      { filePath, shareToCommunity: false },
      { filePath, tags: ['night'], policyAgreed: true },
      { filePath: `user-media/${filePath}`, shareToCommunity: false },
    ]) {
      const res = await call(h.app, '/api/user/media/share', { json: body, cookie: owner.cookie });
      expect([body, res.status, res.body]).toEqual([body, 404, { message: 'Media not found' }]);
    }
    const rows = await h.sql
      .select()
      .from(schema.media)
      .where(like(schema.media.filePath, `${owner.id}/%`));
    expect(rows).toEqual([]);
    expect(await h.objects(BUCKETS.general)).toEqual([]);
  });

  it('an item whose file was replaced by a link answers 404 for its file and is not shared', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png'), 'mine.png');
    await rm(inBucket(BUCKETS.userMedia, item.filePath));
    await symlink(inBucket(BUCKETS.userMedia, `${other.id}/uploads/theirs.png`), inBucket(BUCKETS.userMedia, item.filePath));
    const file = await call(h.app, `/api/user/media/${item.id}/file`, { cookie: owner.cookie });
    // What a row whose object is gone answers: the link is not followed, so the object is gone.
    expect(file.status).toBe(404);
    const shared = await call(h.app, `/api/media/${item.id}/share`, {
      json: { tags: ['night'], policyAgreed: true },
      cookie: owner.cookie,
    });
    expect([shared.status, shared.body]).toEqual([500, { message: 'Failed to share media' }]);
    expect(await h.objects(BUCKETS.general)).toEqual([]);
  });

  it('the public route answers 404 for a link in the public bucket, even to a private object', async () => {
    await mkdir(inBucket(BUCKETS.general, 'leak'), { recursive: true });
    await symlink(inBucket(BUCKETS.userMedia, `${other.id}/uploads/theirs.png`), inBucket(BUCKETS.general, 'leak/theirs.png'));
    await symlink(inBucket(BUCKETS.userMedia, `${other.id}/uploads`), inBucket(BUCKETS.general, 'folder'));
    for (const key of ['leak/theirs.png', 'folder/theirs.png']) {
      const res = await call(h.app, `/storage/v1/object/public/general/${key}`);
      expect([key, res.status]).toEqual([key, 404]);
    }
    expect(await readdir(inBucket(BUCKETS.userMedia, `${other.id}/uploads`))).toEqual(['theirs.png']);
  });
});
