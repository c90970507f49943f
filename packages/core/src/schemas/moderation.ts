import { z } from 'zod';
import { ERRORS } from '../errors/catalog';
import { ZId, ZIsoDate } from './common';
import { ZCommunityId, ZUserId } from './ids';
import { standaloneMessage } from './format';

/** The Community sharing policy in force (GET /api/policy). */
export const ZPolicy = z.object({
  version: z.string().meta({ description: 'What a share sends as policyVersion', example: '2026-11-01' }),
  text: z.string().meta({ description: 'The policy, as Markdown' }),
  sha256: z.string().meta({ description: 'SHA-256 (hex) of the text, as receipts record it' }),
  statement: z.string().meta({ description: 'The sentence an owner agrees to, which receipts record word for word' }),
});
export type TPolicy = z.infer<typeof ZPolicy>;

/** What an owner agrees to, for a policy version: the share dialog shows it and receipts keep it. */
export const policyStatement = (version: string) =>
  `I have read and agree to the Community sharing policy, version ${version}: I may publish this media, and everyone shown in it consented to its publication.`;

export const ZConsentReceipt = z.object({
  policyVersion: z.string(),
  policySha256: z.string(),
  statement: z.string(),
  userId: ZId,
  createdAt: ZIsoDate,
  reqId: z.string(),
});
export const ZConsent = z.object({
  communityMediaId: ZId,
  /** Newest first: one per publication (a share that created or re-tagged the copy). */
  receipts: z.array(ZConsentReceipt),
});
export type TConsent = z.infer<typeof ZConsent>;

export const REPORT_REASONS = ['non_consensual', 'underage', 'copyright', 'spam', 'other'] as const;
export const MAX_REPORT_DETAILS = 2000;

/** Bidirectional overrides and isolates, zero-width and other invisible format characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const ZReportInput = z.strictObject({
  reason: z.enum(REPORT_REASONS, {
    error: `reason must be one of ${REPORT_REASONS.join(', ')}`,
  }),
  details: z
    .string({ error: 'details must be a string' })
    .max(MAX_REPORT_DETAILS, { error: `details must be at most ${MAX_REPORT_DETAILS} characters` })
    .refine((text) => !INVISIBLE.test(text), {
      error: 'details must not contain invisible or direction-changing characters',
    })
    .optional(),
});
export type TReportInput = z.infer<typeof ZReportInput>;
export const ZReportCreated = z.object({ id: ZId });

export const ZReportId = z
  .number({ error: standaloneMessage(ERRORS.invalidReportId.answer().message) })
  .int({ error: standaloneMessage(ERRORS.invalidReportId.answer().message) })
  .min(1, { error: standaloneMessage(ERRORS.invalidReportId.answer().message) })
  .max(2_147_483_647, { error: standaloneMessage(ERRORS.invalidReportId.answer().message) })
  .meta({ description: 'Report ID', example: 12 });

export const ZCommunityStatus = z.enum(['visible', 'hidden', 'removed']);

/** One reported item of the admin queue: its open reports together. */
export const ZReportGroup = z.object({
  reportId: ZId.meta({ description: 'The newest open report: what dismiss takes' }),
  target: z.enum(['community', 'link']),
  communityMediaId: ZId.nullable(),
  mediaId: ZId.nullable(),
  status: ZCommunityStatus,
  reporters: z.number().int(),
  reasons: z.array(z.enum(REPORT_REASONS)),
  details: z.array(z.string()),
  firstReportedAt: ZIsoDate,
  owner: z.object({ id: ZId, username: z.string() }).nullable(),
  mimeType: z.string().nullable(),
  previewUrl: z.string().nullable(),
  /** What previewUrl serves: a video's preview is a still (WebP) once made, the video itself before. */
  previewMimeType: z.string().nullable(),
  mature: z.boolean(),
  receipt: ZConsentReceipt.nullable(),
});
export const ZReportQueue = z.object({ items: z.array(ZReportGroup) });
export type TReportQueue = z.infer<typeof ZReportQueue>;
export type TReportGroup = z.infer<typeof ZReportGroup>;

export const ZTakedownInput = z.strictObject({
  reason: z
    .string({ error: 'reason is required' })
    .trim()
    .min(1, { error: 'reason is required' })
    .max(500, { error: 'reason must be at most 500 characters' }),
});

export const ZModerationAction = z.object({ ok: z.literal(true) });

export const ZModerationLogEntry = z.object({
  id: ZId,
  actor: z.object({ id: ZId, username: z.string() }).nullable(),
  action: z.string(),
  targetKind: z.string(),
  targetId: ZId,
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: ZIsoDate,
});
export const ZModerationLog = z.object({ entries: z.array(ZModerationLogEntry), nextCursor: z.string().nullable() });
export type TModerationLog = z.infer<typeof ZModerationLog>;
export const ZModerationLogQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,10}$/, { error: 'Invalid cursor' })
    .optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZReportIdInput = z.strictObject({ id: ZReportId });
export const ZTakedownByIdInput = z.strictObject({ id: ZCommunityId, ...ZTakedownInput.shape });
export const ZUserIdInput = z.strictObject({ id: ZUserId });

/** The signed-in viewer's own choice about mature items (PUT /api/user/settings/mature). */
export const ZMaturePreference = z.strictObject({ showMature: z.boolean({ error: 'showMature must be true or false' }) });
