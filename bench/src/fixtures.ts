import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

export type ImageFormat = 'jpeg' | 'png' | 'webp';

const CACHE = path.join(tmpdir(), 'mediashare-bench-fixtures');

/**
 * A photo-like test image: noise over a gradient compresses like real detail does, unlike a flat
 * colour. Cached per size and format, since 12 MP PNG and WebP encodes take seconds.
 */
export const photo = async (format: ImageFormat, width: number, height: number): Promise<Buffer> => {
  const file = path.join(CACHE, `photo-${width}x${height}.${format}`);
  const cached = await readFile(file).catch(() => null);
  if (cached) return cached;
  const base = sharp({
    create: { width, height, channels: 3, background: '#7a8a99', noise: { type: 'gaussian', mean: 120, sigma: 28 } },
  });
  const bytes = await (
    format === 'jpeg'
      ? base.jpeg({ quality: 90 })
      : format === 'png'
        ? base.png({ compressionLevel: 6 })
        : base.webp({ quality: 90 })
  ).toBuffer();
  await mkdir(CACHE, { recursive: true });
  await writeFile(file, bytes);
  return bytes;
};

/**
 * A JPEG with detail at every scale: coarse and mid-sized blobs under fine grain. Plain noise averages to
 * a flat colour when downscaled, so its thumbnails are a few hundred bytes; this one keeps detail in a
 * 480 px thumbnail (about 50 kB as WebP), more than most real photos, so the byte figures of the views
 * that load thumbnails err on the heavy side.
 */
export const detailedPhoto = async (width: number, height: number): Promise<Buffer> => {
  const file = path.join(CACHE, `detailed-${width}x${height}.jpeg`);
  const cached = await readFile(file).catch(() => null);
  if (cached) return cached;
  const layer = async (scale: number, sigma: number) => {
    const w = Math.ceil(width / scale);
    const h = Math.ceil(height / scale);
    const noise = { type: 'gaussian' as const, mean: 128, sigma };
    const small = await sharp({ create: { width: w, height: h, channels: 3, background: '#808080', noise } })
      .raw()
      .toBuffer();
    return sharp(small, { raw: { width: w, height: h, channels: 3 } })
      .resize(width, height, { kernel: 'cubic' })
      .png({ compressionLevel: 0 })
      .toBuffer();
  };
  const [coarse, mid, fine] = await Promise.all([layer(64, 60), layer(8, 40), layer(1, 18)]);
  const bytes = await sharp(coarse)
    .composite([
      { input: mid, blend: 'soft-light' },
      { input: fine, blend: 'soft-light' },
    ])
    .jpeg({ quality: 90 })
    .toBuffer();
  await mkdir(CACHE, { recursive: true });
  await writeFile(file, bytes);
  return bytes;
};

/** The encoder settings the watermark uses, so a baseline re-encode does the same work. */
export const reencode = (input: Buffer, format: ImageFormat) => {
  const image = sharp(input).rotate();
  return (
    format === 'jpeg'
      ? image.jpeg({ quality: 85 })
      : format === 'png'
        ? image.png({ compressionLevel: 6 })
        : image.webp({ quality: 85, effort: 2 })
  ).toBuffer();
};

export const MIME: Record<ImageFormat, 'image/jpeg' | 'image/png' | 'image/webp'> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
