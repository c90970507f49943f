import type { TWatermarkMime } from '@mediashare/core';
import sharp from 'sharp';
import { blendMark } from './blend';
import { scaleMark, type PreparedMark } from './mark';
import { placeMark, type WatermarkPosition } from './placement';

export interface EngineSettings {
  mark: PreparedMark;
  position: WatermarkPosition;
  scale: number;
  margin: number;
  maxPixels: number;
}

const FORMATS: Record<TWatermarkMime, 'jpeg' | 'png' | 'webp'> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/**
 * Decodes once (orientation applied), blends the mark into the pixels under it, encodes once in the
 * input's format. libvips' own composite would convert the whole image to float and back; touching
 * only the mark's pixels keeps the cost close to a plain decode and re-encode. sharp writes no
 * metadata unless asked, so the output carries no EXIF, XMP or GPS.
 */
export const createEngine = (settings: EngineSettings) => {
  const scaled = new Map<number, Promise<PreparedMark>>();
  const markAt = (width: number) => {
    let found = scaled.get(width);
    if (!found) {
      if (scaled.size >= 64) scaled.delete(scaled.keys().next().value ?? width);
      found = scaleMark(settings.mark, width);
      scaled.set(width, found);
    }
    return found;
  };

  return async (input: Buffer, mimeType: TWatermarkMime) => {
    const format = FORMATS[mimeType];
    const source = { limitInputPixels: settings.maxPixels, failOn: 'error' as const };
    const meta = await sharp(input, source).metadata();
    if (meta.format !== format) throw new Error(`expected ${format} data, found ${meta.format ?? 'nothing readable'}`);
    const frames = meta.pages && meta.pages > 1 ? meta.pages : 1;

    const { data, info } = await sharp(input, { ...source, animated: frames > 1 })
      .rotate()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const frameHeight = frames > 1 ? (info.pageHeight ?? info.height / frames) : info.height;
    const channels = info.channels === 4 ? 4 : 3;

    const fitted = await markAt(Math.max(1, Math.min(Math.round(info.width * settings.scale), info.width)));
    const margin = Math.round(Math.min(info.width, frameHeight) * settings.margin);
    const { left, top } = placeMark(settings.position, info.width, frameHeight, fitted.width, fitted.height, margin);
    blendMark({ data, width: info.width, height: frameHeight, channels, frames }, fitted, left, top);

    let out = sharp(data, {
      raw: { width: info.width, height: info.height, channels, ...(frames > 1 ? { pageHeight: frameHeight } : {}) },
    });
    if (format === 'jpeg') out = out.jpeg({ quality: 85 });
    else if (format === 'png') out = out.png({ compressionLevel: 6 });
    else
      out = out.webp({
        quality: 85,
        effort: 2,
        ...(frames > 1 ? { loop: meta.loop ?? 0, ...(meta.delay ? { delay: meta.delay } : {}) } : {}),
      });
    const encoded = await out.toBuffer();
    return { data: encoded, width: info.width, height: frameHeight, mimeType };
  };
};
