import { z } from 'zod';
import { ZRenditionFields } from './renditions';
import { ZId, ZIsoDate } from './common';
import { ZMediaId } from './ids';

/** A tag slug as clients send it; core trims, lower-cases and checks it against the canonical list. */
export const ZTagSlugInput = z.string().max(64, { message: 'each tag must be at most 64 characters' });

export const ZShareInput = z.strictObject({
  shareToCommunity: z.boolean().default(true),
  tags: z.array(ZTagSlugInput).max(100).default([]),
  policyAgreed: z.boolean().default(false),
  /** A content warning on the community copy; omitted on a re-share, the copy keeps its own. */
  mature: z.boolean().optional(),
  /** The policy version the owner was shown (GET /api/policy); an outdated one is a 409. */
  policyVersion: z.string().max(64, { message: 'policyVersion must be at most 64 characters' }).optional(),
});
export type TShareInput = z.input<typeof ZShareInput>;
export type TShareOptions = z.output<typeof ZShareInput>;

export const ZShareMediaInput = ZShareInput.extend({ id: ZMediaId });

export const ZFilePath = z.string().min(1, { message: 'is required' }).max(1024);

export const ZShareByPathInput = ZShareInput.extend({ filePath: ZFilePath });
export type TShareByPathInput = z.input<typeof ZShareByPathInput>;

export const ZShareResult = z.object({
  shareCode: z.string(),
  shareUrl: z.string(),
  communityUrl: z.string().optional(),
  communityMediaId: ZId.optional(),
});
export type TShareResult = z.infer<typeof ZShareResult>;

/** Share by path also says which media row the path resolved to. */
export const ZShareByPathResult = ZShareResult.extend({ mediaId: ZId });
export type TShareByPathResult = z.infer<typeof ZShareByPathResult>;

export const ZShareCode = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const ZSharedMedia = z.object({
  shareCode: z.string(),
  mimeType: z.string(),
  kind: z.enum(['image', 'gif', 'video']),
  size: z.number().int().nonnegative(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  fileUrl: z.string(),
  createdAt: ZIsoDate,
  /** Its community copy carries a content warning: the page shows an interstitial first. */
  mature: z.boolean(),
  ...ZRenditionFields,
  /** False when the owner turned downloads off: the page offers no Download and `?download=1` is refused. */
  allowDownload: z.boolean(),
});
export type TSharedMedia = z.infer<typeof ZSharedMedia>;
