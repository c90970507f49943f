import { z } from 'zod';

/**
 * What every item (vault, community, share link) says about its renditions. Null while they are being
 * made, and for good when they cannot be (the reason is logged); clients then show the original.
 */
export const ZRenditionFields = {
  thumbnailUrl: z
    .string()
    .nullable()
    .meta({ description: 'WebP, long edge 480 px (a video’s poster frame); null while pending or when none can be made' }),
  previewUrl: z
    .string()
    .nullable()
    .meta({ description: 'WebP, long edge 2048 px, never enlarged (an animation that is no smaller as WebP: the file itself)' }),
  placeholder: z
    .string()
    .nullable()
    .meta({ description: 'ThumbHash (base64) of the thumbnail: a blurred stand-in with the aspect ratio, painted at once' }),
  durationMs: z.number().int().nonnegative().nullable().meta({ description: 'Length of a video in milliseconds' }),
};

/** The rendition route kinds, as path segments. */
export const RENDITION_ROUTE_KINDS = ['thumbnail', 'preview'] as const;
