import { ImagingError, type TWatermarkMime } from '@mediashare/core';
import sharp, { type Metadata } from 'sharp';
import { blendMark, type Canvas } from './blend';
import { scaleMark, type PreparedMark } from './mark';
import { placeMark, type WatermarkPosition } from './placement';

export interface EngineSettings {
  mark: PreparedMark;
  position: WatermarkPosition;
  scale: number;
  margin: number;
  maxPixels: number;
}

type Format = 'jpeg' | 'png' | 'webp' | 'gif';
const FORMATS: Record<string, Format> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/** How every decode opens its input: refused over the pixel limit from the header, broken data fails. */
export const sourceOptions = (maxPixels: number) => ({ limitInputPixels: maxPixels, failOn: 'error' as const });

/** The header, checked against the type the caller was told (sniffed at upload). */
export const readHeader = async (input: string | Buffer, mimeType: string, maxPixels: number): Promise<Metadata> => {
  const format = FORMATS[mimeType];
  const meta = await sharp(input, sourceOptions(maxPixels)).metadata();
  if (!format || meta.format !== format)
    throw new ImagingError('unsupported', `expected ${format ?? mimeType} data, found ${meta.format ?? 'nothing readable'}`);
  return meta;
};

export const framesOf = (meta: Metadata) => (meta.pages && meta.pages > 1 ? meta.pages : 1);

/** Blends the configured mark into decoded pixels, scaled to their width; marks are cached per width. */
export const createMarker = (settings: EngineSettings) => {
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
  return async (canvas: Canvas) => {
    const fitted = await markAt(Math.max(1, Math.min(Math.round(canvas.width * settings.scale), canvas.width)));
    const margin = Math.round(Math.min(canvas.width, canvas.height) * settings.margin);
    const { left, top } = placeMark(settings.position, canvas.width, canvas.height, fitted.width, fitted.height, margin);
    blendMark(canvas, fitted, left, top);
  };
};

/**
 * Decodes once (orientation applied), blends the mark into the pixels under it, encodes once in the
 * input's format. libvips' own composite would convert the whole image to float and back; touching
 * only the mark's pixels keeps the cost close to a plain decode and re-encode. sharp writes no
 * metadata unless asked, so the output carries no EXIF, XMP or GPS.
 */
export const createEngine = (settings: EngineSettings) => {
  const mark = createMarker(settings);
  const source = sourceOptions(settings.maxPixels);

  const watermark = async (input: string, output: string, mimeType: TWatermarkMime) => {
    const meta = await readHeader(input, mimeType, settings.maxPixels);
    const format = meta.format as 'jpeg' | 'png' | 'webp';
    const frames = framesOf(meta);
    const { data, info } = await sharp(input, { ...source, animated: frames > 1 })
      .rotate()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const frameHeight = frames > 1 ? (info.pageHeight ?? info.height / frames) : info.height;
    const channels = info.channels === 4 ? 4 : 3;
    await mark({ data, width: info.width, height: frameHeight, channels, frames });

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
    await out.toFile(output);
    return { path: output, mimeType, width: info.width, height: frameHeight };
  };

  return { watermark, mark, source };
};

export type Engine = ReturnType<typeof createEngine>;
