import { describe, expect, it } from 'vitest';
import { createFrameCounter } from './count-frames';
import { animatedWebpBytes, gifBytes, riffChunk } from './test-images';

/** Pushes `bytes` in pieces of `size`, as a network stream would deliver them. */
const count = (mimeType: string, bytes: Buffer, size: number) => {
  const counter = createFrameCounter(mimeType);
  for (let at = 0; at < bytes.length; at += size) counter.push(bytes.subarray(at, at + size));
  return counter.frames;
};

describe('createFrameCounter', () => {
  it.each([1, 3, 7, 64, 4096])('counts every frame of a GIF delivered %i bytes at a time', (size) => {
    expect(count('image/gif', gifBytes(1000, 1000, 60), size)).toBe(60);
    expect(count('image/gif', gifBytes(10, 10, 1), size)).toBe(1);
  });

  it.each([1, 5, 4096])('counts the ANMF chunks of an animated WebP delivered %i bytes at a time', (size) => {
    expect(count('image/webp', animatedWebpBytes(60), size)).toBe(60);
  });

  it('counts a still WebP, a PNG and a JPEG as one frame', () => {
    const still = Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP'), riffChunk('VP8 ', Buffer.alloc(40))]);
    expect(count('image/webp', still, 16)).toBe(1);
    expect(count('image/png', Buffer.alloc(100), 10)).toBe(1);
    expect(count('image/jpeg', Buffer.alloc(100), 10)).toBe(1);
  });

  it('stops counting at the GIF trailer, whatever follows it', () => {
    const padded = Buffer.concat([gifBytes(10, 10, 2), gifBytes(10, 10, 5)]);
    expect(count('image/gif', padded, 50)).toBe(2);
  });
});
