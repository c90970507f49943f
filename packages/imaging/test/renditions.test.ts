import { buffer } from 'node:stream/consumers';
import type { Rendition } from '@mediashare/core';
import sharp from 'sharp';
import { thumbHashToApproximateAspectRatio, thumbHashToRGBA } from 'thumbhash';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImaging, type Imaging } from '../src';
import { fixturePhoto, pixelAt, structured, tagged } from './images';

let imaging: Imaging;
beforeAll(async () => {
  imaging = await createImaging({ position: 'southeast', scale: 0.3, opacity: 0.8, margin: 0.03, maxPixels: 50_000_000 });
});
afterAll(() => imaging.close());

const read = async (file: Rendition) => {
  const data = await buffer(file.stream);
  expect(data.length).toBe(file.size);
  return { data, meta: await sharp(data, { animated: true }).metadata() };
};

describe('renditions of images', () => {
  it('makes a 480 px thumbnail and a 2048 px preview of a 12 MP JPEG, upright, as WebP without metadata', async () => {
    // Stored landscape 4000x3000 with orientation 6: a viewer sees it portrait, 3000x4000.
    const input = await tagged('jpeg', 4000, 3000, { orientation: 6 });
    const set = await imaging.makeRenditions(input, 'image/jpeg');
    expect([set.width, set.height, set.frames]).toEqual([3000, 4000, 1]);
    expect(set.preview).not.toBeNull();
    const preview = await read(set.preview!);
    const thumbnail = await read(set.thumbnail);
    expect([set.preview!.width, set.preview!.height]).toEqual([1536, 2048]);
    expect([preview.meta.width, preview.meta.height, preview.meta.format]).toEqual([1536, 2048, 'webp']);
    expect([thumbnail.meta.width, thumbnail.meta.height, thumbnail.meta.format]).toEqual([360, 480, 'webp']);
    for (const { meta } of [preview, thumbnail]) {
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
    }
    // Turned clockwise, the red block of the stored top-left corner is now top-right.
    const [r, g] = await pixelAt(thumbnail.data, 360 - 10, 10);
    expect(r).toBeGreaterThan(180);
    expect(g).toBeLessThan(80);
    expect(set.thumbnail).toMatchObject({ kind: 'thumbnail', mimeType: 'image/webp', isAnimated: false });
  });

  it('gives a ThumbHash placeholder with the aspect ratio and the picture’s colours, and a 64-bit hash', async () => {
    const set = await imaging.makeRenditions(fixturePhoto('dusk.jpg'), 'image/jpeg');
    const hash = Buffer.from(set.placeholder, 'base64');
    expect(set.placeholder.length).toBeLessThan(40);
    expect(thumbHashToApproximateAspectRatio(hash)).toBeCloseTo(1280 / 854, 0);
    const decoded = thumbHashToRGBA(hash);
    expect(decoded.w * decoded.h * 4).toBe(decoded.rgba.length);
    expect(set.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
    await Promise.all([buffer(set.thumbnail.stream), buffer(set.preview!.stream)]);
  });

  it('never enlarges a small image and keeps its transparency', async () => {
    const input = await tagged('png', 300, 200, { alpha: true });
    const set = await imaging.makeRenditions(input, 'image/png');
    expect([set.preview!.width, set.preview!.height]).toEqual([300, 200]);
    expect([set.thumbnail.width, set.thumbnail.height]).toEqual([300, 200]);
    const { data, meta } = await read(set.preview!);
    expect(meta.hasAlpha).toBe(true);
    expect((await pixelAt(data, 150, 100))[3]).toBeLessThan(200);
    await buffer(set.thumbnail.stream);
  });

  it('converts a wide-gamut picture to sRGB and drops its profile', async () => {
    const p3 = await (await structured(600, 400)).withIccProfile('p3').jpeg().toBuffer();
    expect((await sharp(p3).metadata()).icc).toBeDefined();
    const set = await imaging.makeRenditions(p3, 'image/jpeg');
    expect((await read(set.preview!)).meta.icc).toBeUndefined();
    await buffer(set.thumbnail.stream);
  });

  it('marks the renditions of a community copy where the full copy carries the mark', async () => {
    const input = await (await structured(1600, 1200)).jpeg().toBuffer();
    const plain = await imaging.makeRenditions(input, 'image/jpeg');
    const marked = await imaging.makeRenditions(input, 'image/jpeg', { watermark: true });
    const [a, b] = await Promise.all([read(plain.preview!), read(marked.preview!)]);
    await Promise.all([buffer(plain.thumbnail.stream), buffer(marked.thumbnail.stream)]);
    // Bottom right carries the mark (30% of the width); the top left is untouched.
    const diff = async (x: number, y: number) => {
      const [p, q] = await Promise.all([pixelAt(a.data, x, y), pixelAt(b.data, x, y)]);
      return p.slice(0, 3).reduce((sum, v, i) => sum + Math.abs(v - (q[i] ?? 0)), 0);
    };
    let inMark = 0;
    for (let x = 1600 - 440; x < 1600 - 60; x += 20) inMark += await diff(x, 1200 - 80);
    expect(inMark).toBeGreaterThan(200);
    expect(await diff(200, 300)).toBeLessThan(12);
    expect(marked.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
    await expect(imaging.makeRenditions(input, 'image/gif', { watermark: true })).rejects.toThrow(/never watermarked/);
  });
});

/** A GIF of `frames` distinct frames. */
const animatedGif = async (width: number, height: number, frames: number) => {
  const raw = Buffer.alloc(width * height * frames * 3);
  for (let f = 0; f < frames; f++)
    for (let i = 0; i < width * height; i++)
      raw.set([(f * 60 + i) % 256, (i / width) % 256, f * 30], (f * width * height + i) * 3);
  return sharp(raw, { raw: { width, height: height * frames, channels: 3, pageHeight: height } })
    .gif({ loop: 0, delay: Array(frames).fill(100) })
    .toBuffer();
};

describe('renditions of animations', () => {
  it('gives a GIF a still thumbnail of its first frame and an animated preview smaller than it', async () => {
    const gif = await animatedGif(600, 400, 5);
    const set = await imaging.makeRenditions(gif, 'image/gif');
    expect([set.width, set.height, set.frames]).toEqual([600, 400, 5]);
    const thumbnail = await read(set.thumbnail);
    expect(thumbnail.meta.pages ?? 1).toBe(1);
    expect([thumbnail.meta.width, thumbnail.meta.height]).toEqual([480, 320]);
    const preview = await read(set.preview!);
    expect(set.preview!.isAnimated).toBe(true);
    expect(preview.meta.pages).toBe(5);
    expect([preview.meta.width, preview.meta.pageHeight]).toEqual([600, 400]);
    expect(preview.data.length).toBeLessThan(gif.length);
  });

  it('leaves the preview to the original when an animated WebP would not be smaller', async () => {
    // Two flat 8x8 frames: a GIF of some 80 bytes that no WebP container can undercut.
    const frames = Buffer.concat([Buffer.alloc(8 * 8 * 3, 200), Buffer.alloc(8 * 8 * 3, 40)]);
    const tiny = await sharp(frames, { raw: { width: 8, height: 16, channels: 3, pageHeight: 8 } })
      .gif({ loop: 0, delay: [100, 100] })
      .toBuffer();
    expect((await sharp(tiny).metadata()).pages).toBe(2);
    const set = await imaging.makeRenditions(tiny, 'image/gif');
    expect(set.preview).toBeNull();
    expect(set.thumbnail.width).toBe(8);
    await buffer(set.thumbnail.stream);
  });
});

describe('renditions of bad input', () => {
  it('refuses bytes that are not the image they claim to be', async () => {
    const png = await tagged('png', 100, 100);
    await expect(imaging.makeRenditions(png, 'image/jpeg')).rejects.toMatchObject({
      name: 'ImagingError',
      reason: 'unsupported',
    });
  });

  it('never lets the service parse an SVG, whatever it is labelled', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64"/></svg>',
    );
    const refusal = imaging.makeRenditions(svg, 'image/png');
    await expect(refusal).rejects.toMatchObject({ name: 'ImagingError', reason: 'corrupt' });
    // Refused by the blocked loader, not after librsvg had read it ("expected png data, found svg").
    await expect(refusal).rejects.not.toThrow(/found svg/);
  });

  it('fails a JPEG cut off past its header with a clear error, and keeps working', async () => {
    const whole = await tagged('jpeg', 800, 600);
    await expect(imaging.makeRenditions(whole.subarray(0, whole.length / 3), 'image/jpeg')).rejects.toMatchObject({
      name: 'ImagingError',
      reason: 'corrupt',
    });
    const set = await imaging.makeRenditions(whole, 'image/jpeg');
    expect(set.thumbnail.width).toBe(480);
    await buffer(set.thumbnail.stream);
  });

  it('refuses a 60-frame 1000x1000 WebP from its frames before decoding any (422)', async () => {
    const raw = Buffer.alloc(1000 * 1000 * 60 * 3);
    // Frames far apart in colour: libwebp merges frames that differ too little.
    for (let f = 0; f < 60; f++) raw.fill((f * 37) % 256, f * 3_000_000, (f + 1) * 3_000_000);
    const webp = await sharp(raw, { raw: { width: 1000, height: 60_000, channels: 3, pageHeight: 1000 } })
      .webp({ effort: 0, quality: 50 })
      .toBuffer();
    expect((await sharp(webp).metadata()).pages).toBe(60);
    await expect(imaging.makeRenditions(webp, 'image/webp')).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/^Image is 1000x1000 with \d+ frames/),
    });
  });
});
