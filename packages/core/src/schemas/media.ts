import { z } from 'zod';
import { ZRenditionFields } from './renditions';
import { ZCursor, ZId, ZIsoDate, ZMediaSource, ZPageLimit } from './common';
import { ZMediaId } from './ids';

export const ZMediaItem = z.object({
  id: ZId,
  fileName: z.string(),
  filePath: z.string(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  source: ZMediaSource,
  isShared: z.boolean(),
  shareToCommunity: z.boolean(),
  shareCode: z.string().nullable(),
  shareUrl: z.string().nullable(),
  createdAt: ZIsoDate,
  ...ZRenditionFields,
  /** Its community copy: visible, hidden by reports pending review, or removed by a moderator (null: none). */
  communityStatus: z.enum(['visible', 'hidden', 'removed']).nullable(),
  /** Why a moderator removed it. */
  communityRemovedReason: z.string().nullable(),
});
export type TMediaItem = z.infer<typeof ZMediaItem>;

/** A page of the vault, as REST reads it from the query string (unknown parameters are ignored). */
export const ZMediaListQuery = z.object({
  cursor: ZCursor.optional().meta({ description: 'nextCursor of the previous page' }),
  limit: ZPageLimit.default(30).meta({ description: 'Page size' }),
});

export const ZMediaListInput = z.strictObject({
  ...ZMediaListQuery.shape,
  /** Sent by tRPC's infinite queries; pages only go forward, so it changes nothing. */
  direction: z.enum(['forward', 'backward']).optional(),
});
export type TMediaListInput = z.input<typeof ZMediaListInput>;

export const ZMediaListResult = z.object({
  items: z.array(ZMediaItem),
  nextCursor: z.string().nullable(),
});
export type TMediaListResult = z.infer<typeof ZMediaListResult>;

export const ZMediaIdInput = z.strictObject({ id: ZMediaId });
