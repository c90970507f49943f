import { z } from 'zod';
import { ZRenditionFields } from './renditions';
import { ZId, ZIsoDate } from './common';
import { ZMediaId } from './ids';

/** A tag slug as clients send it; core trims, lower-cases and checks it against the canonical list. */
export const ZTagSlugInput = z.string().max(64, { message: 'each tag must be at most 64 characters' });

// C0 and C1 controls (tab and line breaks are text), and the bidirectional overrides and isolates that
// make text read differently from how it is stored. Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const isSingleLine = (value: string) => !/[\r\n\t]/.test(value);

const ZShareText = (max: number, { singleLine }: { singleLine: boolean }) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((value) => !FORBIDDEN_CHARACTERS.test(value), { message: 'must not contain control characters or bidi overrides' })
    .refine((value) => !singleLine || isSingleLine(value), { message: 'must be a single line' });

export const SHARE_TEXT_LIMITS = { title: 120, caption: 2000, altText: 1500 } as const;

/** What a community item says about itself; an empty string clears a field on a re-share. */
export const ZShareTexts = {
  title: ZShareText(SHARE_TEXT_LIMITS.title, { singleLine: true })
    .optional()
    .meta({ description: 'A title for the community item (plain text)' }),
  caption: ZShareText(SHARE_TEXT_LIMITS.caption, { singleLine: false })
    .optional()
    .meta({ description: 'A caption (plain text; the web app links its URLs)' }),
  altText: ZShareText(SHARE_TEXT_LIMITS.altText, { singleLine: false })
    .optional()
    .meta({ description: 'What the picture shows, for people who cannot see it' }),
};

export const ZShareInput = z.strictObject({
  shareToCommunity: z.boolean().default(true),
  tags: z.array(ZTagSlugInput).max(100).default([]),
  policyAgreed: z.boolean().default(false),
  /** A content warning on the community copy; omitted on a re-share, the copy keeps its own. */
  mature: z.boolean().optional(),
  /** The policy version the owner was shown (GET /api/policy); an outdated one is a 409. */
  policyVersion: z.string().max(64, { message: 'policyVersion must be at most 64 characters' }).optional(),
  ...ZShareTexts,
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
  /** From the item's community copy, when it has one. */
  title: z.string().nullable(),
  caption: z.string().nullable(),
  altText: z.string().nullable(),
});
export type TSharedMedia = z.infer<typeof ZSharedMedia>;
