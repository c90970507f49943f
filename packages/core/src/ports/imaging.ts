import type { Readable } from 'node:stream';

/** The image formats a user upload is watermarked in; everything else is copied byte for byte. */
export const WATERMARK_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type TWatermarkMime = (typeof WATERMARK_MIME_TYPES)[number];

export const isWatermarkable = (mime: string): mime is TWatermarkMime =>
  (WATERMARK_MIME_TYPES as readonly string[]).includes(mime);

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
