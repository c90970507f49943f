import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BUCKETS } from '@mediashare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';

const run = promisify(execFile);
let h: Harness;
let alice: TestUser;
let bob: TestUser;
let work: string;
beforeAll(async () => {
  h = await createHarness();
  alice = await createUser(h.app);
  bob = await createUser(h.app);
  work = await mkdtemp(path.join(tmpdir(), 'mediashare-export-'));
});
afterAll(async () => {
  await h.close();
  await rm(work, { recursive: true, force: true });
});

/** Downloads the export and unpacks it with Info-ZIP's unzip, which checks every entry's CRC. */
const download = async (user: TestUser) => {
  const res = await call(h.app, '/api/user/export', { cookie: user.cookie });
  expect(res.status).toBe(200);
  const zip = path.join(work, `${user.username}.zip`);
  await writeFile(zip, Buffer.from(await res.raw.arrayBuffer()));
  const dir = path.join(work, user.username);
  await run('unzip', ['-t', '-q', zip]);
  await run('unzip', ['-o', '-q', zip, '-d', dir]);
  const { stdout } = await run('zipinfo', ['-1', zip]);
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  return { res, dir, names: stdout.trim().split('\n').sort(), manifest };
};

describe('GET /api/user/export', () => {
  it('streams a ZIP of every original and a manifest of items, share links, community copies, tags and activity', async () => {
    const jpeg = await makeImage('jpeg', 90, 60);
    const png = await makeImage('png');
    const { body: shared } = await uploadFile(h.app, alice, jpeg, 'beach_photo.jpg');
    const { body: kept } = await uploadFile(h.app, alice, png, 'kept.png');
    await uploadFile(h.app, bob, png, 'bobs.png');
    const share = await call(h.app, `/api/media/${shared.id}/share`, {
      json: { shareToCommunity: true, tags: ['night', 'urban'], policyAgreed: true },
      cookie: alice.cookie,
    });
    expect(share.status).toBe(200);

    const { res, dir, names, manifest } = await download(alice);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="mediashare-${alice.username}-\\d{4}-\\d{2}-\\d{2}\\.zip"$`),
    );
    expect(names).toEqual(['manifest.json', `originals/${kept.id}-kept.png`, `originals/${shared.id}-beach_photo.jpg`].sort());
    expect(await readFile(path.join(dir, `originals/${shared.id}-beach_photo.jpg`))).toEqual(jpeg);
    expect(await readFile(path.join(dir, `originals/${kept.id}-kept.png`))).toEqual(png);

    expect(manifest).toMatchObject({
      format: 'mediashare-export',
      version: 1,
      user: { id: alice.id, username: alice.username },
      missing: [],
    });
    expect(manifest.items.map((i: { id: number }) => i.id).sort()).toEqual([shared.id, kept.id].sort());
    expect(manifest.items.find((i: { id: number }) => i.id === shared.id)).toMatchObject({
      fileName: 'beach_photo.jpg',
      file: `originals/${shared.id}-beach_photo.jpg`,
      shareLink: { isShared: true, shareCode: share.body.shareCode, shareUrl: share.body.shareUrl },
      shareToCommunity: true,
    });
    expect(manifest.community).toEqual([
      expect.objectContaining({
        id: share.body.communityMediaId,
        mediaId: shared.id,
        watermarked: true,
        tags: ['night', 'urban'],
      }),
    ]);
    expect(manifest.activity).toEqual([expect.objectContaining({ action: 'media_shared', feature: 'media_gallery' })]);
    expect(JSON.stringify(manifest)).not.toContain('bobs.png');
  });

  it('lists an original that storage no longer has instead of failing', async () => {
    const carol = await createUser(h.app);
    const { body: gone } = await uploadFile(h.app, carol, await makeImage('png'), 'gone.png');
    await h.deps.storage.delete(BUCKETS.userMedia, gone.filePath);
    const { names, manifest } = await download(carol);
    expect(names).toEqual(['manifest.json']);
    expect(manifest.missing).toEqual([`originals/${gone.id}-gone.png`]);
  });

  it('needs a signed-in session: 401 without one, 403 for an API token', async () => {
    expect((await call(h.app, '/api/user/export')).status).toBe(401);
    const token = await call(h.app, '/api/user/tokens', { json: { name: 'export', scopes: ['read'] }, cookie: alice.cookie });
    const viaToken = await call(h.app, '/api/user/export', { headers: { authorization: `Bearer ${token.body.token}` } });
    expect(viaToken.status).toBe(403);
  });
});
