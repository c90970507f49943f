import type { Readable } from 'node:stream';
import type { TWatermarkMime } from '../schemas/watermark-policy';

/** Images that get renditions made from their own pixels; videos get them from a poster frame. */
export const RENDITION_SOURCE_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type TRenditionSourceMime = (typeof RENDITION_SOURCE_MIME_TYPES)[number];
export const VIDEO_MIME_TYPES = ['video/mp4', 'video/webm', 'video/quicktime'] as const;
export type TVideoMime = (typeof VIDEO_MIME_TYPES)[number];

export const hasImageRenditions = (mime: string): mime is TRenditionSourceMime =>
  (RENDITION_SOURCE_MIME_TYPES as readonly string[]).includes(mime);
export const isVideo = (mime: string): mime is TVideoMime => (VIDEO_MIME_TYPES as readonly string[]).includes(mime);

export const RENDITION_KINDS = ['thumbnail', 'preview'] as const;
export type TRenditionKind = (typeof RENDITION_KINDS)[number];
/** Long edge in pixels; smaller images are never enlarged. */
export const RENDITION_LONG_EDGE: Record<TRenditionKind, number> = { thumbnail: 480, preview: 2048 };

/**
 * Bytes the imaging adapter made, on a stream that owns its temporary file: read it or destroy it.
 * `size` is known before the first byte is read (a Content-Length for the store).
 */
export interface ImageFile {
  stream: Readable;
  size: number;
  mimeType: string;
  width: number;
  height: number;
}

export interface Rendition extends ImageFile {
  kind: TRenditionKind;
  mimeType: 'image/webp';
  /** Only a GIF's or animated WebP's preview moves; thumbnails are always the first frame. */
  isAnimated: boolean;
}

export interface RenditionSet {
  /** The source as a viewer sees it: orientation applied, one frame. */
  width: number;
  height: number;
  frames: number;
  thumbnail: Rendition;
  /**
   * Null only for an animation whose animated preview would not be smaller than the file itself: then
   * the file is its own best preview.
   */
  preview: Rendition | null;
  /** ThumbHash of the thumbnail, base64: paints a blurred stand-in (with the aspect ratio) at once. */
  placeholder: string;
  /** 64-bit pHash of the preview's pixels as 16 hex characters; compare with `isSamePicture`. */
  perceptualHash: string;
}

export interface RenditionOptions {
  /**
   * Renditions of a community copy: the same mark as `watermark()` blended into the preview's pixels
   * (placement and size are relative, so it looks as it does on the full copy). JPEG, PNG, WebP only.
   */
  watermark?: boolean;
}

export interface StrippedImage extends ImageFile {
  mimeType: TWatermarkMime;
  /**
   * True when the compressed image data was kept as it was and only metadata was dropped; false when
   * orientation had to be applied to the pixels, which means a high-quality re-encode.
   */
  isLossless: boolean;
}

export type VideoTools =
  | { isAvailable: true; ffmpeg: string; ffprobe: string; origin: 'configured' | 'path' | 'bundled'; version: string }
  | { isAvailable: false; reason: string };

export type VideoProbe =
  | { isAvailable: false; reason: string }
  | {
      isAvailable: true;
      /** As a viewer sees it: a rotated phone video reports its upright size. */
      width: number;
      height: number;
      durationMs: number | null;
      /** Renditions of a frame 1 s in (the first frame of clips up to 2 s); null when none decoded. */
      poster: RenditionSet | null;
      /** Why there is no poster, when there is none. */
      posterError?: string;
    };

/** Why processing failed, for the log and for deciding whether a retry can help. */
export type TImagingFailure = 'corrupt' | 'timeout' | 'unsupported';

export class ImagingError extends Error {
  readonly reason: TImagingFailure;
  constructor(reason: TImagingFailure, message: string) {
    super(message);
    this.name = 'ImagingError';
    this.reason = reason;
  }
}

export interface WatermarkResult {
  /** The marked image's bytes, as they are produced. */
  stream: Readable;
  width: number;
  height: number;
  mimeType: TWatermarkMime;
}

export interface WatermarkPort {
  /**
   * Orientation applied first, the mark blended in, the same format (and alpha) out, no metadata.
   * Resolves once the image is decoded and measured; its bytes follow on `stream`.
   */
  watermark(input: Readable | Buffer, mimeType: TWatermarkMime): Promise<WatermarkResult>;
  /** Stops whatever the adapter runs in the background (worker threads). */
  close?(): Promise<void>;
}

/**
 * Everything the product does to pixels, in a process of its own at low priority. Inputs are streams
 * from storage (or buffers); images over the pixel limit, or larger than their pixels can justify, are
 * refused with the 422 `AppError`s of `inspectImageStream` before any decoding; undecodable input is an
 * `ImagingError`.
 */
export interface ImagingPort extends WatermarkPort {
  /** Thumbnail and preview (WebP), placeholder and perceptual hash of an image or GIF. */
  makeRenditions(input: Readable | Buffer, mimeType: TRenditionSourceMime, options?: RenditionOptions): Promise<RenditionSet>;
  /** Size, duration and poster renditions of a video, or `isAvailable: false` where no ffmpeg works. */
  probeVideo(input: Readable | Buffer, mimeType: TVideoMime): Promise<VideoProbe>;
  /** The same image without EXIF, XMP, GPS or comments, orientation applied, in its own format. */
  stripMetadata(input: Readable | Buffer, mimeType: TWatermarkMime): Promise<StrippedImage>;
  /** pHash of an image's first frame, or of a video's poster (null where there is none). */
  perceptualHash(input: Readable | Buffer, mimeType: TRenditionSourceMime | TVideoMime): Promise<string | null>;
  /** Which ffmpeg and ffprobe video work runs with, found once. */
  videoTools(): Promise<VideoTools>;
  close(): Promise<void>;
}

/** Bits that differ between two perceptual hashes of 16 hex characters (0 to 64). */
export const hammingDistance = (a: string, b: string): number => {
  if (!/^[0-9a-f]{16}$/.test(a) || !/^[0-9a-f]{16}$/.test(b)) throw new TypeError('expected two 64-bit hex hashes');
  let bits = BigInt.asUintN(64, BigInt(`0x${a}`) ^ BigInt(`0x${b}`));
  let count = 0;
  while (bits) {
    bits &= bits - 1n;
    count += 1;
  }
  return count;
};

/**
 * Two images whose hashes differ in at most this many bits are taken for the same picture. From the
 * calibration in packages/imaging/test/perceptual-hash.test.ts: 96% of edited copies (resized 50%,
 * JPEG quality 60, 5% cropped, brightness +10%, re-watermarked, PNG<->JPEG) fall within 10 bits, and
 * the nearest of 1,000 unrelated pictures is 12 bits away; 8 keeps under 95% of the copies, 12 lets an
 * unrelated picture match.
 */
export const PERCEPTUAL_HASH_THRESHOLD = 10;

export const isSamePicture = (a: string, b: string, threshold = PERCEPTUAL_HASH_THRESHOLD) => hammingDistance(a, b) <= threshold;
