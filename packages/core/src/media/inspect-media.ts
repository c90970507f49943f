import { Transform } from 'node:stream';
import { ERRORS } from '../errors';
import type { TMediaMimeType } from '../schemas/common';
import { createFrameCounter } from './count-frames';
import { sniffMediaType } from './sniff';

/** The accepted type the first bytes of a file say, or the 415 every entry point answers. */
export const requireMediaType = async (head: Uint8Array): Promise<TMediaMimeType> => {
  const mimeType = await sniffMediaType(head);
  if (!mimeType) throw ERRORS.unsupportedMediaType();
  return mimeType;
};

export interface ImageSize {
  width: number;
  height: number;
  /** Frames of an animated GIF or WebP; 1 when absent. */
  frames?: number;
}

/**
 * An image's size within the pixel limit, or the 422: a decompression bomb never gets decoded. Every
 * frame of an animation is decoded onto the full canvas, so width x height x frames is what counts,
 * as it is for the watermark and the renditions.
 */
export const requireImageSize = <T extends ImageSize>(size: T | null, maxPixels: number): T => {
  if (!size) throw ERRORS.unreadableImage();
  const { width, height } = size;
  const frames = size.frames ?? 1;
  if (width * height * frames > maxPixels) {
    throw frames > 1
      ? ERRORS.animationTooLarge({ width, height, frames, limit: maxPixels })
      : ERRORS.imageTooLarge({ width, height, limit: maxPixels });
  }
  return size;
};

/**
 * What an image's pixels can justify. No encoding the product accepts needs more than 8 bytes a pixel
 * (16-bit RGBA PNG stored uncompressed); the allowance covers metadata (ICC profiles, EXIF with a
 * preview, XMP) and what phones append (gain maps, a motion photo's clip). Past this the file carries
 * something else: padding that would make the image service hold gigabytes, or a polyglot.
 */
export const IMAGE_BYTES_PER_PIXEL = 8;
export const IMAGE_METADATA_ALLOWANCE = 16 * 1024 * 1024;

export const maxImageBytes = ({ width, height, frames = 1 }: ImageSize) =>
  IMAGE_BYTES_PER_PIXEL * width * height * frames + IMAGE_METADATA_ALLOWANCE;

/** 422 for a file much larger than its pixels could need (see `maxImageBytes`). */
export const requireImageBytes = (bytes: number, size: ImageSize) => {
  const max = maxImageBytes(size);
  if (bytes > max) throw ERRORS.imagePadded({ width: size.width, height: size.height, frames: size.frames ?? 1, maxBytes: max });
};

/**
 * A pass-through stage for an image's bytes that counts its frames as they go by and fails with the
 * 422s above as soon as the frames exceed the pixel limit or the bytes exceed what the pixels justify,
 * so neither a frame bomb nor a padded file is stored or read whole. `size` comes from the header.
 */
export const inspectImageStream = ({
  mimeType,
  size,
  maxPixels,
}: {
  mimeType: string;
  size: { width: number; height: number };
  maxPixels: number;
}) => {
  const counter = createFrameCounter(mimeType);
  let bytes = 0;
  let failure: Error | undefined;
  const current = (): ImageSize => ({ ...size, frames: counter.frames });
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      // Writes already queued still arrive after a failure; they must not be counted or passed on.
      if (failure) return callback(failure);
      try {
        counter.push(chunk);
        bytes += chunk.length;
        requireImageSize(current(), maxPixels);
        requireImageBytes(bytes, current());
        callback(null, chunk);
      } catch (error) {
        failure = error as Error;
        callback(failure);
      }
    },
  });
  return {
    transform,
    /** The size with every frame counted; complete once the stream has ended. */
    size: current,
    bytes: () => bytes,
  };
};
