import { BUCKETS, strippedKeyFor, type ImagingPort } from '@mediashare/core';
import { createImaging } from '@mediashare/imaging';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage, readFixture } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { share } from './support/share';

/** Camera EXIF with a GPS position, as a phone writes it. */
const CAMERA_EXIF = {
  IFD0: { Make: 'Camera Co', Model: 'Phone 9' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
};

/** A phone photo: stored 300x200 landscape with orientation 6 (seen portrait), camera tags and GPS. */
const phonePhoto = (format: 'jpeg' | 'png' | 'webp') =>
  sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 10, g: 120, b: 60 } } })
    .withMetadata({ orientation: 6 })
    .withExifMerge(CAMERA_EXIF)
    .toFormat(format)
    .toBuffer();

let strips = 0;
let failStrip = false;
let h: Harness;
let real: ImagingPort;
let owner: TestUser;
beforeAll(async () => {
  real = await createImaging({ position: 'southeast', scale: 0.2, opacity: 0.6, margin: 0.03, maxPixels: 50_000_000 });
  // The real service, counted (and broken on demand) on the way to the link file.
  const counted: ImagingPort = {
    ...real,
    async stripMetadata(input, mime) {
      strips += 1;
      if (failStrip) {
        if (!Buffer.isBuffer(input)) input.destroy();
        throw new Error('strip failed');
      }
      return real.stripMetadata(input, mime);
    },
  };
  h = await createHarness({ isolated: true, imaging: counted });
  owner = await createUser(h.app);
});
afterAll(async () => {
  await h.close();
  await real.close();
});

const linkOf = async (bytes: Buffer, name: string) => {
  const { body: item } = await uploadFile(h.app, owner, bytes, name);
  const { body } = await share(h, owner, item.id, { shareToCommunity: false });
  return { item, code: body.shareCode as string };
};
const fileOf = async (code: string, headers: Record<string, string> = {}) => {
  const res = await call(h.app, `/api/shared/media/${code}/file`, { headers });
  return { res, bytes: Buffer.from(await res.raw.arrayBuffer()) };
};

describe('GET /api/shared/media/:code/file', () => {
  it.each(['jpeg', 'png', 'webp'] as const)('serves a %s without EXIF or GPS, upright, made once and kept', async (format) => {
    const original = await phonePhoto(format);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const { item, code } = await linkOf(original, `phone.${format}`);
    const before = strips;
    const { res, bytes } = await fileOf(code);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(`image/${format}`);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(bytes.includes(Buffer.from('Camera Co'))).toBe(false);
    // Orientation applied: the pixels are portrait now.
    expect([meta.width, meta.height]).toEqual([200, 300]);
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);

    // Kept beside the original, and served again (in ranges too) without being made again.
    expect(await h.objects(BUCKETS.userMedia)).toContain(strippedKeyFor(item.filePath));
    const part = await fileOf(code, { range: 'bytes=0-15' });
    expect(part.res.status).toBe(206);
    expect(part.res.headers.get('content-range')).toBe(`bytes 0-15/${bytes.length}`);
    expect(part.bytes.equals(bytes.subarray(0, 16))).toBe(true);
    expect(strips - before).toBe(1);
    // The owner's own download is the original, as uploaded.
    const own = await call(h.app, `/api/user/media/${item.id}/file`, { cookie: owner.cookie });
    expect(Buffer.from(await own.raw.arrayBuffer()).equals(original)).toBe(true);
  });

  it('serves GIFs and videos as uploaded', async () => {
    for (const [bytes, name] of [
      [await makeImage('gif', 40, 30), 'still.gif'],
      [readFixture('clip.mp4'), 'clip.mp4'],
    ] as const) {
      const { code } = await linkOf(bytes, name);
      const before = strips;
      expect((await fileOf(code)).bytes.equals(bytes)).toBe(true);
      expect(strips).toBe(before);
    }
  });

  it('answers 500 rather than the original when the copy cannot be made, and leaves nothing behind', async () => {
    const { item, code } = await linkOf(await phonePhoto('jpeg'), 'unlucky.jpg');
    failStrip = true;
    try {
      const res = await call(h.app, `/api/shared/media/${code}/file`);
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ message: 'The shared file could not be prepared' });
    } finally {
      failStrip = false;
    }
    expect(await h.objects(BUCKETS.userMedia)).not.toContain(strippedKeyFor(item.filePath));
    // The next download makes it.
    expect((await fileOf(code)).res.status).toBe(200);
  });

  it('goes with its item', async () => {
    const { item, code } = await linkOf(await phonePhoto('jpeg'), 'deleted.jpg');
    await fileOf(code);
    expect((await call(h.app, `/api/user/media/${item.id}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204);
    expect((await h.objects(BUCKETS.userMedia)).filter((k) => k.startsWith(item.filePath))).toEqual([]);
  });
});
