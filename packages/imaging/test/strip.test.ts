import { buffer } from 'node:stream/consumers';
import exifReader from 'exif-reader';
import sharp, { type Metadata } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImaging, type Imaging } from '../src';
import { fixturePhoto, pixelAt, tagged } from './images';

let imaging: Imaging;
beforeAll(async () => {
  imaging = await createImaging({ position: 'southeast', scale: 0.2, opacity: 0.6, margin: 0.03, maxPixels: 50_000_000 });
});
afterAll(() => imaging.close());

const strip = async (input: Buffer, mimeType: 'image/jpeg' | 'image/png' | 'image/webp') => {
  const out = await imaging.stripMetadata(input, mimeType);
  const data = await buffer(out.stream);
  expect(data.length).toBe(out.size);
  return { ...out, data, meta: await sharp(data).metadata() };
};

/** What a metadata reader finds: camera make, GPS tags, XMP, a comment. */
const identifying = (meta: Metadata) => {
  const exif = meta.exif ? exifReader(meta.exif) : undefined;
  return {
    make: exif?.Image?.Make,
    gps: exif?.GPSInfo ? Object.keys(exif.GPSInfo).length : 0,
    xmp: meta.xmp?.length ?? 0,
    comments: meta.comments?.length ?? 0,
  };
};

const samePixels = async (a: Buffer, b: Buffer) => {
  const [x, y] = await Promise.all([sharp(a).raw().toBuffer(), sharp(b).raw().toBuffer()]);
  return x.equals(y);
};

describe('stripMetadata', () => {
  it.each(['jpeg', 'png', 'webp'] as const)(
    'drops camera make, GPS and XMP from an upright %s without touching its pixels',
    async (format) => {
      const input = await tagged(format, 640, 480);
      expect(identifying(await sharp(input).metadata())).toMatchObject({ make: 'Camera Co', gps: 4 });
      const out = await strip(input, `image/${format}`);
      expect(out.isLossless).toBe(true);
      expect(out.mimeType).toBe(`image/${format}`);
      expect(out.meta.format).toBe(format);
      expect(identifying(out.meta)).toEqual({ make: undefined, gps: 0, xmp: 0, comments: 0 });
      expect(out.meta.exif).toBeUndefined();
      expect([out.width, out.height]).toEqual([640, 480]);
      expect(await samePixels(input, out.data)).toBe(true);
      expect(out.data.length).toBeLessThan(input.length);
    },
  );

  it('keeps a JPEG’s colour profile, drops its comment and whatever follows the image', async () => {
    const withIcc = await sharp(fixturePhoto('dusk.jpg'))
      .withIccProfile('p3')
      .withExif({ IFD0: { Make: 'Camera Co' } })
      .jpeg()
      .toBuffer();
    // A comment segment after SOI, and a "motion photo" appended after the end of the image.
    const withComment = Buffer.concat([
      withIcc.subarray(0, 2),
      Buffer.from([0xff, 0xfe, 0x00, 0x0e]),
      Buffer.from('secret note!'),
      withIcc.subarray(2),
      Buffer.from('ftypmp42 a clip with its own GPS track'),
    ]);
    expect(await samePixels(withIcc, withComment)).toBe(true);
    const out = await strip(withComment, 'image/jpeg');
    expect(out.meta.icc?.length).toBe((await sharp(withIcc).metadata()).icc?.length);
    expect(out.data.includes('secret note')).toBe(false);
    expect(out.data.includes('GPS track')).toBe(false);
    expect(out.data.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(await samePixels(withIcc, out.data)).toBe(true);
  });

  it('keeps a progressive JPEG decodable, scan by scan', async () => {
    const progressive = await sharp(fixturePhoto('dusk.jpg'))
      .withExif({ IFD0: { Make: 'Camera Co' } })
      .jpeg({ progressive: true })
      .toBuffer();
    const out = await strip(progressive, 'image/jpeg');
    expect(out.isLossless).toBe(true);
    expect(await samePixels(progressive, out.data)).toBe(true);
  });

  it.each(['jpeg', 'png', 'webp'] as const)('applies EXIF orientation 6 to a %s, re-encoded upright', async (format) => {
    // Stored 400x300 with a red block top-left; orientation 6 means "turn 90° clockwise to view".
    const input = await tagged(format, 400, 300, { orientation: 6 });
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const out = await strip(input, `image/${format}`);
    expect(out.isLossless).toBe(false);
    expect(out.meta.format).toBe(format);
    expect(out.meta.orientation).toBeUndefined();
    expect(identifying(out.meta)).toEqual({ make: undefined, gps: 0, xmp: 0, comments: 0 });
    expect([out.meta.width, out.meta.height, out.width, out.height]).toEqual([300, 400, 300, 400]);
    const [r, g] = await pixelAt(out.data, 290, 10);
    expect(r).toBeGreaterThan(180);
    expect(g).toBeLessThan(80);
  });

  it('fails a truncated JPEG instead of serving half of it', async () => {
    const input = await tagged('jpeg', 640, 480);
    await expect(imaging.stripMetadata(input.subarray(0, input.length - 200), 'image/jpeg')).rejects.toMatchObject({
      name: 'ImagingError',
      reason: 'corrupt',
    });
  });
});
