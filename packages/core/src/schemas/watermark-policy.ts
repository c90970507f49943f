import type { TMediaSource } from './common';

/** The image types a user upload is watermarked in: the documentation's "watermarkable types". */
export const WATERMARK_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type TWatermarkMime = (typeof WATERMARK_MIME_TYPES)[number];

export const isWatermarkable = (mime: string): mime is TWatermarkMime =>
  (WATERMARK_MIME_TYPES as readonly string[]).includes(mime);

/**
 * Whether an item's community copy carries the mark: user uploads (`source: "upload"`) of a
 * watermarkable type. Generated media (Smart Captions, Babecock, HypnoCocks), GIFs and videos are
 * copied byte for byte.
 */
export const isWatermarkedOnShare = <M extends { source: TMediaSource; mimeType: string }>(
  media: M,
): media is M & { mimeType: TWatermarkMime } => media.source === 'upload' && isWatermarkable(media.mimeType);
