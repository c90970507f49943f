import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { DEFAULT_MARK_SVG } from './default-mark';

export interface PreparedMark {
  /** Straight (not premultiplied) RGBA at the reference width, with the configured opacity applied. */
  rgba: Buffer;
  width: number;
  height: number;
}

/** Marks are rendered once at this width and only scaled down per image. */
const REFERENCE_WIDTH = 1600;

const render = async (source: Buffer): Promise<PreparedMark> => {
  const { data, info } = await sharp(source, { density: 300 })
    .resize({ width: REFERENCE_WIDTH, withoutEnlargement: false })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { rgba: data, width: info.width, height: info.height };
};

// The bundled SVG is rendered once per process, before SVG decoding is blocked for good.
let defaultMark: Promise<PreparedMark> | undefined;

/**
 * Renders the mark once at start: the operator's PNG/WebP/JPEG, or the bundled SVG (paths only, no
 * text, so it needs no fonts). Opacity is applied here, so blending needs no further arithmetic.
 */
export const prepareMark = async ({
  imagePath,
  opacity,
}: {
  imagePath?: string | undefined;
  opacity: number;
}): Promise<PreparedMark> => {
  const base = imagePath
    ? await render(await readFile(imagePath))
    : await (defaultMark ??= render(Buffer.from(DEFAULT_MARK_SVG)));
  const rgba = Buffer.from(base.rgba);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = Math.round((rgba[i] ?? 0) * opacity);
  return { rgba, width: base.width, height: base.height };
};

/** The mark scaled to `width` pixels, as straight RGBA. */
export const scaleMark = async (mark: PreparedMark, width: number): Promise<PreparedMark> => {
  const target = Math.max(1, Math.min(width, mark.width));
  const { data, info } = await sharp(mark.rgba, { raw: { width: mark.width, height: mark.height, channels: 4 } })
    .resize({ width: target, kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { rgba: data, width: info.width, height: info.height };
};
