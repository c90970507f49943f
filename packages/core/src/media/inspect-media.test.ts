import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { animatedWebpBytes, gifBytes } from './test-images';
import { inspectImageStream, maxImageBytes, requireImageBytes, requireImageSize } from './inspect-media';

const drain = async (bytes: Buffer, inspector: ReturnType<typeof inspectImageStream>) => {
  const source = Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += 1000) yield bytes.subarray(at, at + 1000);
    })(),
  );
  await pipeline(source, inspector.transform, new Writable({ write: (_chunk, _encoding, done) => done() }));
};

describe('requireImageSize', () => {
  it('counts every frame against the limit', () => {
    expect(requireImageSize({ width: 1000, height: 1000, frames: 50 }, 50_000_000).frames).toBe(50);
    expect(() => requireImageSize({ width: 1000, height: 1000, frames: 60 }, 50_000_000)).toThrow(
      'Image is 1000x1000 with 60 frames (60000000 pixels); the limit is 50000000 pixels',
    );
    expect(() => requireImageSize({ width: 8000, height: 8000 }, 50_000_000)).toThrow(
      'Image is 8000x8000; the limit is 50000000 pixels',
    );
  });
});

describe('requireImageBytes', () => {
  it('allows 8 bytes a pixel and the metadata allowance, and refuses more with a 422', () => {
    const size = { width: 640, height: 480 };
    expect(maxImageBytes(size)).toBe(640 * 480 * 8 + 16 * 1024 * 1024);
    expect(() => requireImageBytes(maxImageBytes(size), size)).not.toThrow();
    let caught: unknown;
    try {
      requireImageBytes(1024 ** 3, size);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).status).toBe(422);
    expect((caught as AppError).message).toBe(
      'Image file is larger than a 640x480 image can need (more than 18.3 MB); it carries other data',
    );
  });

  it('grows the budget with the frames', () => {
    const bytes = maxImageBytes({ width: 100, height: 100 }) + 1;
    expect(() => requireImageBytes(bytes, { width: 100, height: 100 })).toThrow(/carries other data/);
    expect(() => requireImageBytes(bytes, { width: 100, height: 100, frames: 2 })).not.toThrow();
  });
});

describe('inspectImageStream', () => {
  it('refuses a GIF whose frames exceed the pixel limit while it streams', async () => {
    const inspector = inspectImageStream({
      mimeType: 'image/gif',
      size: { width: 1000, height: 1000 },
      maxPixels: 50_000_000,
    });
    await expect(drain(gifBytes(1000, 1000, 60), inspector)).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/^Image is 1000x1000 with \d+ frames \(\d+ pixels\); the limit is 50000000 pixels$/),
    });
  });

  it('refuses an animated WebP over the limit and passes one under it, with its frames counted', async () => {
    const over = inspectImageStream({ mimeType: 'image/webp', size: { width: 1000, height: 1000 }, maxPixels: 50_000_000 });
    await expect(drain(animatedWebpBytes(60), over)).rejects.toMatchObject({ status: 422 });
    const under = inspectImageStream({ mimeType: 'image/webp', size: { width: 1000, height: 1000 }, maxPixels: 60_000_000 });
    await drain(animatedWebpBytes(60), under);
    expect(under.size()).toEqual({ width: 1000, height: 1000, frames: 60 });
  });

  it('refuses a small image followed by padding once the bytes pass what its pixels justify', async () => {
    const size = { width: 640, height: 480 };
    const inspector = inspectImageStream({ mimeType: 'image/jpeg', size, maxPixels: 50_000_000 });
    const padded = Buffer.alloc(maxImageBytes(size) + 1024 * 1024);
    await expect(drain(padded, inspector)).rejects.toThrow(/carries other data/);
    // It stopped within a chunk of the budget: the rest was never read.
    expect(inspector.bytes()).toBeLessThanOrEqual(maxImageBytes(size) + 1000);
  });
});
