import { drainRenditionJobs } from '@mediashare/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage, readFixture } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { share, unshare } from './support/share';

let h: Harness;
let owner: TestUser;
let stranger: TestUser;
beforeAll(async () => {
  h = await createHarness({ isolated: true });
  [owner, stranger] = [await createUser(h.app), await createUser(h.app)];
});
afterAll(() => h.close());

const bytesOf = async (res: { raw: Response }) => Buffer.from(await res.raw.arrayBuffer());

describe('GET /api/user/media/:id/thumbnail and /preview', () => {
  it('answers 404 while pending, then the WebP with a private cache, an ETag and a 304 for it', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('jpeg', 3000, 2000), 'big.jpg');
    const pending = await call(h.app, `/api/user/media/${item.id}/thumbnail`, { cookie: owner.cookie });
    expect(pending).toMatchObject({ status: 404, body: { message: 'No rendition of this item yet' } });
    await drainRenditionJobs(h.deps);

    for (const [kind, edge] of [
      ['thumbnail', 480],
      ['preview', 2048],
    ] as const) {
      const res = await call(h.app, `/api/user/media/${item.id}/${kind}`, { cookie: owner.cookie });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      expect(res.headers.get('cache-control')).toBe('private, max-age=86400');
      const etag = res.headers.get('etag');
      expect(etag).toMatch(/^"[0-9a-z-]+"$/);
      const meta = await sharp(await bytesOf(res)).metadata();
      expect(Math.max(meta.width!, meta.height!)).toBe(edge);
      const again = await call(h.app, `/api/user/media/${item.id}/${kind}`, {
        cookie: owner.cookie,
        headers: { 'if-none-match': etag! },
      });
      expect(again.status).toBe(304);
      expect(await again.raw.text()).toBe('');
      const other = await call(h.app, `/api/user/media/${item.id}/${kind}`, {
        cookie: owner.cookie,
        headers: { 'if-none-match': '"stale"' },
      });
      expect(other.status).toBe(200);
    }
  });

  it('serves a range of a rendition', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png', 900, 900), 'square.png');
    await drainRenditionJobs(h.deps);
    const whole = await bytesOf(await call(h.app, `/api/user/media/${item.id}/preview`, { cookie: owner.cookie }));
    const part = await call(h.app, `/api/user/media/${item.id}/preview`, {
      cookie: owner.cookie,
      headers: { range: 'bytes=4-11' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 4-11/${whole.length}`);
    expect((await bytesOf(part)).equals(whole.subarray(4, 12))).toBe(true);
    const outside = await call(h.app, `/api/user/media/${item.id}/preview`, {
      cookie: owner.cookie,
      headers: { range: `bytes=${whole.length + 10}-` },
    });
    expect(outside.status).toBe(416);
  });

  it('is the owner’s only: someone else, nobody, and a bad id get what the original gets', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('jpeg', 100, 100), 'mine.jpg');
    await drainRenditionJobs(h.deps);
    expect(await call(h.app, `/api/user/media/${item.id}/thumbnail`, { cookie: stranger.cookie })).toMatchObject({
      status: 404,
      body: { message: 'Media not found' },
    });
    expect(await call(h.app, `/api/user/media/${item.id}/preview`)).toMatchObject({
      status: 401,
      body: { message: 'Authentication required' },
    });
    expect(await call(h.app, `/api/user/media/abc/preview`, { cookie: owner.cookie })).toMatchObject({
      status: 400,
      body: { message: 'Invalid media ID' },
    });
  });

  it('gives a video’s poster, and the GIF itself as the preview of an animation that WebP would not shrink', async () => {
    // Six frames of noise: nothing for WebP to gain.
    const gif = await sharp(Buffer.from(Array.from({ length: 120 * 80 * 3 * 6 }, (_, i) => (i * 2654435761) >>> 24)), {
      raw: { width: 120, height: 480, channels: 3, pageHeight: 80 } as never,
    })
      .gif()
      .toBuffer();
    const { body: animation } = await uploadFile(h.app, owner, gif, 'noise.gif');
    const { body: video } = await uploadFile(h.app, owner, readFixture('clip.webm'), 'clip.webm');
    await drainRenditionJobs(h.deps);
    const preview = await call(h.app, `/api/user/media/${animation.id}/preview`, { cookie: owner.cookie });
    expect(preview.headers.get('content-type')).toBe('image/gif');
    expect((await bytesOf(preview)).equals(gif)).toBe(true);
    const poster = await call(h.app, `/api/user/media/${video.id}/preview`, { cookie: owner.cookie });
    if ((await h.deps.imaging.videoTools()).isAvailable) {
      expect(poster.status).toBe(200);
      expect((await sharp(await bytesOf(poster)).metadata()).format).toBe('webp');
    } else expect(poster.status).toBe(404);
  });
});

describe('GET /api/shared/media/:code/preview', () => {
  it('shows whoever has the link the preview, revalidated every time, and stops with the share', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('jpeg', 1000, 800), 'linked.jpg');
    const { body: link } = await share(h, owner, item.id, { shareToCommunity: false });
    expect(await call(h.app, `/api/shared/media/${link.shareCode}/preview`)).toMatchObject({
      status: 404,
      body: { message: 'No rendition of this item yet' },
    });
    await drainRenditionJobs(h.deps);
    const { body: info } = await call(h.app, `/api/shared/media/${link.shareCode}`);
    expect(info).toMatchObject({
      thumbnailUrl: `/api/shared/media/${link.shareCode}/thumbnail`,
      previewUrl: `/api/shared/media/${link.shareCode}/preview`,
      placeholder: expect.any(String),
    });
    const res = await call(h.app, info.previewUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('content-type')).toBe('image/webp');
    const revalidated = await call(h.app, info.previewUrl, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
    expect((await call(h.app, info.thumbnailUrl)).status).toBe(200);

    await unshare(h, owner, item.id);
    expect(await call(h.app, info.previewUrl)).toMatchObject({ status: 404, body: { message: 'Shared media not found' } });
  });
});

describe('POST /api/user/media/share by path', () => {
  it('does not take a rendition for an item of its own', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('jpeg', 100, 80), 'source.jpg');
    await drainRenditionJobs(h.deps);
    const res = await call(h.app, '/api/user/media/share', {
      json: { filePath: `${item.filePath}.thumbnail.webp`, shareToCommunity: false },
      cookie: owner.cookie,
    });
    expect(res).toMatchObject({ status: 404, body: { message: 'Media not found' } });
  });
});
