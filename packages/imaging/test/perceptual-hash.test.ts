import { hammingDistance, PERCEPTUAL_HASH_THRESHOLD } from '@mediashare/core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMarker } from '../src/engine';
import { prepareMark } from '../src';
import { perceptualHashOf, pHashOfGrey } from '../src/perceptual-hash';
import { hashImage } from '../src/renditions';
import { drawPicture } from './corpus';
import { fixturePhoto } from './images';

const MAX_PIXELS = 50_000_000;
const hash = (bytes: Buffer, format: 'jpeg' | 'png') => hashImage(bytes, { mimeType: `image/${format}`, maxPixels: MAX_PIXELS });

type Format = 'jpeg' | 'png';
interface Original {
  name: string;
  bytes: Buffer;
  format: Format;
}

/** The product's own mark with its default settings, blended as the community copy does. */
let watermark: (bytes: Buffer, format: Format) => Promise<Buffer>;
beforeAll(async () => {
  const mark = createMarker({
    mark: await prepareMark({ opacity: 0.6 }),
    position: 'southeast',
    scale: 0.2,
    margin: 0.03,
    maxPixels: MAX_PIXELS,
  });
  watermark = async (bytes, format) => {
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    await mark({ data, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3, frames: 1 });
    return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
      .toFormat(format, { quality: 85 })
      .toBuffer();
  };
});

/** The edits a re-upload of a removed picture may have been through. */
const EDITS: Record<string, (o: Original, width: number, height: number) => Promise<{ bytes: Buffer; format: Format }>> = {
  'resized 50%': async (o, w) => ({
    bytes: await sharp(o.bytes)
      .resize(Math.round(w / 2))
      .toFormat(o.format)
      .toBuffer(),
    format: o.format,
  }),
  'JPEG quality 60': async (o) => ({ bytes: await sharp(o.bytes).jpeg({ quality: 60 }).toBuffer(), format: 'jpeg' }),
  'cropped 5%': async (o, w, h) => {
    // 5% of each dimension cut away, half from each edge.
    const region = {
      left: Math.round(w * 0.025),
      top: Math.round(h * 0.025),
      width: Math.round(w * 0.95),
      height: Math.round(h * 0.95),
    };
    return { bytes: await sharp(o.bytes).extract(region).toFormat(o.format).toBuffer(), format: o.format };
  },
  'brightness +10%': async (o) => ({
    bytes: await sharp(o.bytes).modulate({ brightness: 1.1 }).toFormat(o.format).toBuffer(),
    format: o.format,
  }),
  're-watermarked': async (o) => ({ bytes: await watermark(o.bytes, o.format), format: o.format }),
  'PNG<->JPEG': async (o) => {
    const format = o.format === 'png' ? 'jpeg' : 'png';
    return { bytes: await sharp(o.bytes).toFormat(format, { quality: 90 }).toBuffer(), format };
  },
};

/** Reported, not required: the same 5% cut from the top and left edges only, so the picture also moves. */
const cornerCrop = async (o: Original, w: number, h: number) => {
  const region = {
    left: Math.round(w * 0.05),
    top: Math.round(h * 0.05),
    width: Math.round(w * 0.95),
    height: Math.round(h * 0.95),
  };
  return sharp(o.bytes).extract(region).toFormat(o.format).toBuffer();
};

const SIZES = [
  [320, 240],
  [240, 320],
  [400, 300],
  [360, 360],
] as const;

const originals = async (): Promise<Original[]> => {
  const synthetic = await Promise.all(
    Array.from({ length: 48 }, async (_, i) => {
      const [width, height] = SIZES[i % SIZES.length]!;
      const format: Format = i % 2 ? 'jpeg' : 'png';
      return {
        name: `synthetic ${i}`,
        bytes: await drawPicture(i + 1, width, height)
          .toFormat(format, { quality: 90 })
          .toBuffer(),
        format,
      };
    }),
  );
  const photos: Original[] = [
    { name: 'dusk.jpg', bytes: fixturePhoto('dusk.jpg'), format: 'jpeg' },
    { name: 'lagoon.png', bytes: fixturePhoto('lagoon.png'), format: 'png' },
  ];
  // Parts of the photos stand for more photos: different scenes, the same camera.
  for (const [name, photo, format] of [
    ['dusk', fixturePhoto('dusk.jpg'), 'jpeg'] as const,
    ['lagoon', fixturePhoto('lagoon.png'), 'png'] as const,
  ]) {
    const { width = 0, height = 0 } = await sharp(photo).metadata();
    for (const [fx, fy] of [
      [0, 0],
      [0.5, 0],
      [0, 0.5],
      [0.5, 0.5],
    ] as const) {
      const region = {
        left: Math.round(width * fx),
        top: Math.round(height * fy),
        width: Math.round(width / 2),
        height: Math.round(height / 2),
      };
      photos.push({
        name: `${name} quarter ${fx},${fy}`,
        bytes: await sharp(photo).extract(region).toFormat(format).toBuffer(),
        format,
      });
    }
  }
  return [...synthetic, ...photos];
};

describe('pHashOfGrey', () => {
  const image = (f: (x: number, y: number) => number) =>
    Uint8Array.from({ length: 32 * 32 }, (_, i) => f(i % 32, Math.floor(i / 32)));

  it('describes the layout of light and dark, whatever the overall brightness', () => {
    const texture = (x: number, y: number) => 60 + 40 * Math.sin(x / 3) * Math.cos(y / 5) + 2 * x + y;
    const hash = pHashOfGrey(image(texture));
    expect(pHashOfGrey(image((x, y) => texture(x, y) + 40))).toBe(hash);
    expect(hammingDistance(hash, pHashOfGrey(image((x, y) => texture(31 - x, y))))).toBeGreaterThan(10);
  });

  it('tells a picture from its transpose', () => {
    const blob = (x: number, y: number) => (Math.hypot(x - 8, y - 20) < 6 ? 250 : 20);
    expect(hammingDistance(pHashOfGrey(image(blob)), pHashOfGrey(image((x, y) => blob(y, x))))).toBeGreaterThan(10);
    expect(() => pHashOfGrey(new Uint8Array(72))).toThrow(TypeError);
  });
});

describe('perceptual hash calibration', () => {
  it('finds edited copies within the threshold and no unrelated picture', async () => {
    const corpus = await originals();
    const distances: Record<string, number[]> = Object.fromEntries(Object.keys(EDITS).map((name) => [name, []]));
    const corner: number[] = [];
    const originalHashes = await Promise.all(
      corpus.map(async (original) => {
        const { width = 0, height = 0 } = await sharp(original.bytes).metadata();
        const base = await hash(original.bytes, original.format);
        for (const [name, edit] of Object.entries(EDITS)) {
          const edited = await edit(original, width, height);
          distances[name]!.push(hammingDistance(base, await hash(edited.bytes, edited.format)));
        }
        corner.push(hammingDistance(base, await hash(await cornerCrop(original, width, height), original.format)));
        return base;
      }),
    );

    // 1,000 pictures drawn from other seeds, hashed from their pixels: each one's nearest original.
    const nearest: number[] = [];
    for (let batch = 0; batch < 1000; batch += 8) {
      const hashes = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const [width, height] = SIZES[(batch + i) % SIZES.length]!;
          const { data, info } = await drawPicture(10_001 + batch + i, width / 2, height / 2)
            .raw()
            .toBuffer({ resolveWithObject: true });
          return perceptualHashOf({ data, width: info.width, height: info.height, channels: 3 });
        }),
      );
      for (const h of hashes) nearest.push(Math.min(...originalHashes.map((o) => hammingDistance(o, h))));
    }

    const threshold = PERCEPTUAL_HASH_THRESHOLD;
    const all = Object.values(distances).flat();
    const within = (values: number[], t: number) => values.filter((d) => d <= t).length / values.length;
    const lines = [
      `perceptual hash calibration: ${corpus.length} originals, ${all.length} edited copies, 1000 unrelated, threshold ${threshold}`,
    ];
    for (const [name, values] of Object.entries(distances)) {
      const sorted = [...values].sort((a, b) => a - b);
      lines.push(
        `  ${name.padEnd(16)} within ${(within(values, threshold) * 100).toFixed(1).padStart(5)}%  median ${sorted[Math.floor(sorted.length / 2)]}  p95 ${sorted[Math.floor(sorted.length * 0.95)]}  max ${sorted.at(-1)}`,
      );
    }
    lines.push(`  all edits        within ${(within(all, threshold) * 100).toFixed(1)}%`);
    lines.push(
      `  (corner crop     within ${(within(corner, threshold) * 100).toFixed(1)}%: 5% cut from the top and left, reported only)`,
    );
    const sortedNearest = [...nearest].sort((a, b) => a - b);
    lines.push(
      `  unrelated        nearest original: min ${sortedNearest[0]}  p1 ${sortedNearest[10]}  median ${sortedNearest[500]}; matched ${nearest.filter((d) => d <= threshold).length}`,
    );
    lines.push('  d: edits within d / unrelated within d');
    for (let d = 4; d <= 20; d += 2)
      lines.push(`  ${String(d).padStart(2)}: ${(within(all, d) * 100).toFixed(1)}% / ${nearest.filter((n) => n <= d).length}`);
    console.log(lines.join('\n'));

    expect(within(all, threshold)).toBeGreaterThanOrEqual(0.95);
    expect(nearest.filter((d) => d <= threshold)).toEqual([]);
    // About 15 s of CPU: 400 encodes and hashes of the corpus, 1,000 more pictures drawn and hashed.
  }, 240_000);
});
