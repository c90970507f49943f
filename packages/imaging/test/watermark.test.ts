import { buffer } from 'node:stream/consumers';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWatermarker, placeMark } from '../src';
import type { WatermarkPort } from '@mediashare/core';

let wm: WatermarkPort;
/** One watermark, with the marked bytes collected. */
const run = async (input: Buffer, mimeType: Parameters<WatermarkPort['watermark']>[1]) => {
  const result = await wm.watermark(input, mimeType);
  return { ...result, data: await buffer(result.stream) };
};
beforeAll(async () => {
  wm = await createWatermarker({ position: 'southeast', scale: 0.3, opacity: 0.8, margin: 0.03, maxPixels: 10_000_000 });
});

const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>secret author</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';

/** A flat image with metadata a public copy must not keep: camera EXIF, GPS position and XMP. */
const tagged = (format: 'jpeg' | 'png' | 'webp', options: { alpha?: boolean } = {}) =>
  sharp({
    create: {
      width: 400,
      height: 300,
      channels: options.alpha ? 4 : 3,
      background: { r: 30, g: 120, b: 200, alpha: options.alpha ? 0.5 : 1 },
    },
  })
    .withExif({ IFD0: { Make: 'Camera Co', Copyright: 'someone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
    .withXmp(XMP)
    .toFormat(format)
    .toBuffer();

const pixels = async (input: Buffer) => sharp(input).ensureAlpha().raw().toBuffer({ resolveWithObject: true });

/** Mean absolute difference of RGB over a rectangle of two same-sized decoded images. */
const diff = (a: Buffer, b: Buffer, width: number, rect: { left: number; top: number; w: number; h: number }) => {
  let total = 0;
  for (let y = rect.top; y < rect.top + rect.h; y++)
    for (let x = rect.left; x < rect.left + rect.w; x++)
      for (let c = 0; c < 3; c++) total += Math.abs((a[(y * width + x) * 4 + c] ?? 0) - (b[(y * width + x) * 4 + c] ?? 0));
  return total / (rect.w * rect.h * 3);
};

describe.each(['jpeg', 'png', 'webp'] as const)('watermarking %s', (format) => {
  const mime = `image/${format}` as const;

  it('keeps the format, puts the mark in its corner and leaves the rest alone', async () => {
    const input = await tagged(format);
    const out = await run(input, mime);
    expect(out.mimeType).toBe(mime);
    expect((await sharp(out.data).metadata()).format).toBe(format);
    expect([out.width, out.height]).toEqual([400, 300]);

    const before = await pixels(input);
    const after = await pixels(out.data);
    const mark = { left: 400 - 120 - 9, top: 300 - 42 - 9, w: 120, h: 42 };
    expect(diff(before.data, after.data, 400, mark)).toBeGreaterThan(20);
    // Far from the mark: identical for lossless formats, re-encoding noise at most for lossy ones.
    const far = { left: 10, top: 10, w: 150, h: 100 };
    expect(diff(before.data, after.data, 400, far)).toBeLessThan(format === 'png' ? 0.001 : 2);
  });

  it('writes no EXIF, GPS or XMP into the public copy', async () => {
    const input = await tagged(format);
    const before = await sharp(input).metadata();
    expect(before.exif).toBeDefined();
    expect(before.xmp).toBeDefined();
    const out = await sharp((await run(input, mime)).data).metadata();
    expect(out.exif).toBeUndefined();
    expect(out.xmp).toBeUndefined();
    expect(out.orientation).toBeUndefined();
  });
});

describe('watermarking specifics', () => {
  it.each(['png', 'webp'] as const)('keeps alpha in %s', async (format) => {
    const out = await run(await tagged(format, { alpha: true }), `image/${format}`);
    const meta = await sharp(out.data).metadata();
    expect(meta.hasAlpha).toBe(true);
    // A transparent corner stays transparent.
    const { data } = await sharp(out.data).raw().toBuffer({ resolveWithObject: true });
    expect(data[3]).toBe(128);
  });

  it('applies EXIF orientation 6 first, so the copy comes out upright', async () => {
    // Stored landscape 400x300 with a red block top-left; orientation 6 means "turn 90° clockwise to view".
    const stored = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#ffffff' } })
      .composite([{ input: { create: { width: 60, height: 60, channels: 3, background: '#ff0000' } }, left: 0, top: 0 }])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(stored).metadata()).orientation).toBe(6);
    const out = await run(stored, 'image/jpeg');
    expect([out.width, out.height]).toEqual([300, 400]);
    // Turned clockwise, the top-left block is now top-right.
    const { data, info } = await sharp(out.data).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    expect(at(info.width - 20, 20)[0]).toBeGreaterThan(200);
    expect(at(info.width - 20, 20)[1]).toBeLessThan(60);
    expect(at(20, 20)[1]).toBeGreaterThan(200);
  });

  it('marks every frame of an animated WebP and keeps the animation', async () => {
    // Three different frames: libwebp merges identical ones.
    const strip = Buffer.alloc(200 * 600 * 3);
    for (let i = 0; i < strip.length; i++) strip[i] = Math.floor(i / (200 * 200 * 3)) * 80 + (i % 3) * 20;
    const frames = await sharp(strip, { raw: { width: 200, height: 600, channels: 3, pageHeight: 200 } })
      .webp({ loop: 0, delay: [100, 100, 100] })
      .toBuffer();
    expect((await sharp(frames).metadata()).pages).toBe(3);
    const out = await run(frames, 'image/webp');
    const meta = await sharp(out.data, { animated: true }).metadata();
    expect(meta.pages).toBe(3);
    expect([out.width, out.height]).toEqual([200, 200]);
    const before = await sharp(frames, { animated: true }).ensureAlpha().raw().toBuffer();
    const after = await sharp(out.data, { animated: true }).ensureAlpha().raw().toBuffer();
    for (let frame = 0; frame < 3; frame++) {
      const markRegion = { left: 200 - 60 - 6, top: frame * 200 + 200 - 21 - 6, w: 60, h: 21 };
      expect(diff(before, after, 200, markRegion)).toBeGreaterThan(15);
    }
  });

  it('refuses an image over the pixel limit before decoding it', async () => {
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#000' } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    await expect(run(big, 'image/png')).rejects.toMatchObject({
      status: 422,
      message: 'Image is 4000x3000; the limit is 10000000 pixels',
    });
  });

  it('refuses bytes of another format than the one it was told', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    await expect(run(svg, 'image/png')).rejects.toThrow();
    const png = await tagged('png');
    await expect(run(png, 'image/jpeg')).rejects.toThrow(/expected jpeg/);
  });

  it('has blocked the decoders the product does not need', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    await expect(sharp(svg).png().toBuffer()).rejects.toThrow();
  });
});

describe('placeMark', () => {
  it.each([
    ['northwest', { left: 5, top: 5 }],
    ['southeast', { left: 100 - 20 - 5, top: 50 - 10 - 5 }],
    ['center', { left: 40, top: 20 }],
    ['south', { left: 40, top: 35 }],
  ] as const)('places the mark at %s', (position, expected) => {
    expect(placeMark(position, 100, 50, 20, 10, 5)).toEqual(expected);
  });
});
