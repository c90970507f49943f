import { z } from 'zod';
import { ZCursor, ZId, ZIsoDate, ZPageLimit } from './common';
import { ZMediaId } from './ids';

/** Limits of a link's settings; the dialog shows them and core checks the dates against its clock. */
export const LINK_LIMITS = {
  maxViews: 1_000_000,
  passwordMin: 8,
  passwordMax: 256,
  /** How far ahead an expiry may be. */
  maxExpiryYears: 10,
} as const;

/** A link's settings as its owner sees them: never the password, only whether there is one. */
export const ZLinkSettings = z.object({
  expiresAt: ZIsoDate.nullable(),
  maxViews: z.number().int().nullable(),
  hasPassword: z.boolean(),
  allowDownload: z.boolean(),
  showMetadata: z.boolean(),
});
export type TLinkSettings = z.infer<typeof ZLinkSettings>;

export const ZShareState = z.object({
  shareCode: z.string().nullable(),
  shareUrl: z.string().nullable(),
  shareToCommunity: z.boolean(),
  tags: z.array(z.string()),
  link: ZLinkSettings.nullable(),
  views: z.number().int().nonnegative().nullable(),
  /** The community copy's texts and content warning, so a re-share edits them; null/false outside the Community. */
  title: z.string().nullable(),
  caption: z.string().nullable(),
  altText: z.string().nullable(),
  mature: z.boolean(),
});
export type TShareState = z.infer<typeof ZShareState>;

/** Any of the settings; `null` clears an expiry, a limit or a password. */
export const ZLinkSettingsInput = z.strictObject({
  expiresAt: z.iso
    .datetime({ offset: true, message: 'must be an ISO 8601 date and time, such as 2030-01-31T12:00:00Z' })
    .nullable()
    .optional(),
  maxViews: z
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(LINK_LIMITS.maxViews, { message: `must be at most ${LINK_LIMITS.maxViews.toLocaleString('en-US')}` })
    .nullable()
    .optional(),
  password: z
    .string({ message: 'must be a string' })
    .min(LINK_LIMITS.passwordMin, { message: `must be at least ${LINK_LIMITS.passwordMin} characters` })
    .max(LINK_LIMITS.passwordMax, { message: `must be at most ${LINK_LIMITS.passwordMax} characters` })
    .nullable()
    .optional(),
  allowDownload: z.boolean({ message: 'must be true or false' }).optional(),
  showMetadata: z.boolean({ message: 'must be true or false' }).optional(),
});
export type TLinkSettingsInput = z.infer<typeof ZLinkSettingsInput>;

export const ZUpdateLinkInput = ZLinkSettingsInput.extend({ id: ZMediaId });

export const ZUnlockInput = z.strictObject({
  password: z.string({ message: 'is required' }).min(1, { message: 'is required' }).max(LINK_LIMITS.passwordMax),
});

export const ZExposureQuery = z.object({
  cursor: ZCursor.optional().meta({ description: 'nextCursor of the previous page' }),
  limit: ZPageLimit.default(30).meta({ description: 'Page size' }),
});
export const ZExposureInput = z.strictObject({
  ...ZExposureQuery.shape,
  /** Sent by tRPC's infinite queries; pages only go forward. */
  direction: z.enum(['forward', 'backward']).optional(),
});

export const ZExposureItem = z.object({
  /** The media item; null for a community copy whose original was deleted from the vault. */
  mediaId: ZId.nullable(),
  fileName: z.string().nullable(),
  mimeType: z.string(),
  thumbnailUrl: z.string().nullable(),
  exposedAt: ZIsoDate,
  link: z
    .object({
      shareCode: z.string(),
      shareUrl: z.string(),
      createdAt: ZIsoDate,
      views: z.number().int().nonnegative(),
      expiresAt: ZIsoDate.nullable(),
      maxViews: z.number().int().nullable(),
      hasPassword: z.boolean(),
      status: z.enum(['active', 'expired', 'limitReached']),
    })
    .nullable(),
  community: z.object({ communityMediaId: ZId, createdAt: ZIsoDate }).nullable(),
});
export type TExposureItem = z.infer<typeof ZExposureItem>;

export const ZExposurePage = z.object({ items: z.array(ZExposureItem), nextCursor: z.string().nullable() });
export type TExposurePage = z.infer<typeof ZExposurePage>;

export const ZRevokeExposureInput = z
  .strictObject({
    links: z.boolean({ message: 'must be true or false' }).default(false),
    community: z.boolean({ message: 'must be true or false' }).default(false),
  })
  .refine((input) => input.links || input.community, { message: 'give "links": true, "community": true or both' });
export type TRevokeExposureInput = z.infer<typeof ZRevokeExposureInput>;

export const ZRevokeExposureResult = z.object({
  links: z.number().int().nonnegative(),
  community: z.number().int().nonnegative(),
});
export type TRevokeExposureResult = z.infer<typeof ZRevokeExposureResult>;
