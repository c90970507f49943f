import { rm } from 'node:fs/promises';
import path from 'node:path';
import { RENDITION_LONG_EDGE, type TRenditionKind } from '@mediashare/core';
import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import type { Canvas } from './blend';
import { framesOf, readHeader, sourceOptions } from './engine';
import { perceptualHashOf, type RawImage } from './perceptual-hash';
import type { OutputFile } from './protocol';

export interface RenditionFile extends OutputFile {
  kind: TRenditionKind;
  isAnimated: boolean;
}

export interface RenditionResult {
  width: number;
  height: number;
  frames: number;
  thumbnail: RenditionFile;
  preview: RenditionFile | null;
  placeholder: string;
  perceptualHash: string;
}

/**
 * WebP, not AVIF: on this machine AVIF's fastest setting took 1.4 to 4 times the CPU of WebP's for a
 * 2048 px preview (its default effort 50 to 100 times) for files a third to a half smaller; previews
 * are made for every upload, and WebP is what every browser shows. Effort 0 costs half of effort 4 for
 * the same size at 2048 px.
 */
const WEBP = {
  preview: { quality: 75, effort: 0 },
  thumbnail: { quality: 75, effort: 2 },
  animated: { quality: 75, effort: 1 },
} as const;

/** ThumbHash works on at most 100x100 pixels. */
const PLACEHOLDER_EDGE = 100;

const fit = (edge: number) => ({ width: edge, height: edge, fit: 'inside' as const, withoutEnlargement: true });

const rawInput = (image: RawImage, pageHeight?: number) => ({
  raw: {
    width: image.width,
    height: image.height,
    channels: image.channels,
    ...(pageHeight ? { pageHeight } : {}),
  },
});

type Marker = (canvas: Canvas) => Promise<void>;

/**
 * Thumbnail, placeholder and hash from one frame already decoded at preview size (and marked). The hash
 * is taken from the thumbnail's pixels: 32x32 of them tell the same from 480 px as from 2048, for a
 * tenth of the work.
 */
const thumbnailPixels = async (preview: RawImage): Promise<RawImage> => {
  const { data, info } = await sharp(preview.data, rawInput(preview))
    .resize(fit(RENDITION_LONG_EDGE.thumbnail))
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: preview.channels };
};

const fromPreviewPixels = async (preview: RawImage, outputDir: string) => {
  const thumbnailRaw = await thumbnailPixels(preview);
  const thumbnailPath = path.join(outputDir, 'thumbnail.webp');
  await sharp(thumbnailRaw.data, rawInput(thumbnailRaw)).webp(WEBP.thumbnail).toFile(thumbnailPath);

  const tiny = await sharp(thumbnailRaw.data, rawInput(thumbnailRaw))
    .resize(fit(PLACEHOLDER_EDGE))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const placeholder = Buffer.from(rgbaToThumbHash(tiny.info.width, tiny.info.height, tiny.data)).toString('base64');

  const thumbnail: RenditionFile = {
    kind: 'thumbnail',
    path: thumbnailPath,
    mimeType: 'image/webp',
    width: thumbnailRaw.width,
    height: thumbnailRaw.height,
    isAnimated: false,
  };
  return { thumbnail, placeholder, perceptualHash: await perceptualHashOf(thumbnailRaw) };
};

/** Renditions of one still frame (an image, or a video's poster) decoded at preview size. */
export const renditionsFromPixels = async (
  preview: RawImage,
  outputDir: string,
  source: { width: number; height: number; frames: number },
  mark?: Marker,
): Promise<RenditionResult> => {
  if (mark) await mark({ ...preview, channels: preview.channels === 4 ? 4 : 3, frames: 1 });
  const previewPath = path.join(outputDir, 'preview.webp');
  await sharp(preview.data, rawInput(preview)).webp(WEBP.preview).toFile(previewPath);
  return {
    ...source,
    ...(await fromPreviewPixels(preview, outputDir)),
    preview: {
      kind: 'preview',
      path: previewPath,
      mimeType: 'image/webp',
      width: preview.width,
      height: preview.height,
      isAnimated: false,
    },
  };
};

/**
 * Thumbnail and preview of an image file. One decode serves both: libvips shrinks JPEGs while decoding
 * (DCT scaling) when the preview is at most half the original, and the thumbnail is made from the
 * preview's pixels. Animations get a still thumbnail of their first frame and an animated preview,
 * kept only if it is smaller than the original.
 */
export const makeRenditions = async (
  input: string,
  outputDir: string,
  { mimeType, maxPixels, inputBytes, mark }: { mimeType: string; maxPixels: number; inputBytes: number; mark?: Marker },
): Promise<RenditionResult> => {
  const meta = await readHeader(input, mimeType, maxPixels);
  const frames = framesOf(meta);
  const isTurned = (meta.orientation ?? 1) >= 5;
  const width = (isTurned ? meta.height : meta.width) ?? 0;
  const height = (isTurned ? meta.width : (meta.pageHeight ?? meta.height)) ?? 0;

  if (frames === 1) {
    const { data, info } = await sharp(input, sourceOptions(maxPixels))
      .rotate()
      .resize(fit(RENDITION_LONG_EDGE.preview))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const preview: RawImage = { data, width: info.width, height: info.height, channels: info.channels };
    return renditionsFromPixels(preview, outputDir, { width, height, frames }, mark);
  }

  const { data, info } = await sharp(input, { ...sourceOptions(maxPixels), animated: true })
    .resize(fit(RENDITION_LONG_EDGE.preview))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pageHeight = info.pageHeight ?? info.height / frames;
  const channels = info.channels === 4 ? 4 : 3;
  if (mark) await mark({ data, width: info.width, height: pageHeight, channels, frames });
  const previewPath = path.join(outputDir, 'preview.webp');
  const encoded = await sharp(data, rawInput({ data, width: info.width, height: info.height, channels }, pageHeight))
    .webp({ ...WEBP.animated, loop: meta.loop ?? 0, ...(meta.delay ? { delay: meta.delay } : {}) })
    .toFile(previewPath);
  const isSmaller = encoded.size < inputBytes;
  if (!isSmaller) await rm(previewPath, { force: true });

  const first: RawImage = {
    data: data.subarray(0, info.width * pageHeight * channels),
    width: info.width,
    height: pageHeight,
    channels,
  };
  return {
    width,
    height,
    frames,
    ...(await fromPreviewPixels(first, outputDir)),
    preview: isSmaller
      ? { kind: 'preview', path: previewPath, mimeType: 'image/webp', width: info.width, height: pageHeight, isAnimated: true }
      : null,
  };
};

/** The perceptual hash of an image's first frame, from the same pixels its thumbnail is made of. */
export const hashImage = async (input: string | Buffer, { mimeType, maxPixels }: { mimeType: string; maxPixels: number }) => {
  await readHeader(input, mimeType, maxPixels);
  const { data, info } = await sharp(input, sourceOptions(maxPixels))
    .rotate()
    .resize(fit(RENDITION_LONG_EDGE.preview))
    .raw()
    .toBuffer({ resolveWithObject: true });
  return perceptualHashOf(await thumbnailPixels({ data, width: info.width, height: info.height, channels: info.channels }));
};

/** The hash a poster's renditions would carry, without writing them. */
export const hashFrame = async (frame: RawImage) => perceptualHashOf(await thumbnailPixels(frame));
