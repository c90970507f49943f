import { z } from 'zod';
import { ZUser } from './auth';
import { ZId, ZIsoDate, oneLine } from './common';

/** Who may create an account: anyone, holders of an invite, or only the operator's command. */
export const ZRegistrationMode = z.enum(['open', 'invite', 'closed']);
export type TRegistrationMode = z.infer<typeof ZRegistrationMode>;

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** 1536 -> "1.5 KiB": storage figures as people read them (quota refusals, the usage bar). */
export const formatStorageBytes = (bytes: number): string => {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${UNITS[unit]}`;
};

/** What an account stores and may store, in bytes; `quota` null is unlimited. */
export const ZStorageUsage = z.object({
  usage: z.number().int().nonnegative(),
  quota: z.number().int().nonnegative().nullable(),
});
export type TStorageUsage = z.infer<typeof ZStorageUsage>;

/** What GET /api/auth/me answers: the user, what the account stores and may store, and its sign-in. */
export const ZAccountStatus = ZStorageUsage.extend({ twoFactor: z.boolean() });
export type TAccountStatus = z.infer<typeof ZAccountStatus>;
export const ZCurrentUser = ZUser.extend(ZAccountStatus.shape);
export type TCurrentUser = z.infer<typeof ZCurrentUser>;

export const ZCreateInviteInput = z.strictObject({
  uses: z.number().int().min(1, { message: 'must be at least 1' }).max(10_000, { message: 'must be at most 10000' }).default(1),
  expiresAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time' }).optional(),
});
export type TCreateInviteInput = z.input<typeof ZCreateInviteInput>;

export const ZInvite = z.object({
  id: ZId,
  uses: z.number().int(),
  usesLeft: z.number().int(),
  expiresAt: ZIsoDate.nullable(),
  createdAt: ZIsoDate,
});
export type TInvite = z.infer<typeof ZInvite>;

/** The code is shown once, when the invite is made: only its hash is kept. */
export const ZCreatedInvite = ZInvite.extend({ code: z.string(), link: z.string() });
export type TCreatedInvite = z.infer<typeof ZCreatedInvite>;

export const ZInviteList = z.object({ invites: z.array(ZInvite) });

/** An account as the user list shows it to admins: the account as its owner sees it, and what it stores. */
export const ZAdminUser = ZUser.extend({
  usage: z.number().int(),
  /** The quota in force (the account's own, else DEFAULT_QUOTA_BYTES); null is unlimited. */
  quota: z.number().int().nullable(),
  /** The account's own quota, when one is set. */
  quotaBytes: z.number().int().nullable(),
  twoFactor: z.boolean(),
});
export type TAdminUser = z.infer<typeof ZAdminUser>;
export const ZAdminUserList = z.object({ users: z.array(ZAdminUser) });

/** `quotaBytes: null` goes back to the default quota. */
export const ZUpdateUserQuotaInput = z.strictObject({
  quotaBytes: z.number().int().nonnegative({ message: 'must be a whole number of bytes, 0 or more' }).nullable(),
});

/** An authenticator's current code (6 digits) or one of the recovery codes. */
const ZSecondFactorCode = oneLine(z.string().trim().min(1, { message: 'is required' }).max(64));

export const ZTwoFactorSetup = z.object({
  /** For the QR code: `otpauth://totp/mediashare:<username>?secret=...&issuer=mediashare`. */
  otpauthUrl: z.string(),
  /** The same secret in base32, for typing into an authenticator by hand. */
  secret: z.string(),
});
export const ZEnableTwoFactorInput = z.strictObject({ code: ZSecondFactorCode });
export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export const ZDisableTwoFactorInput = z.strictObject({
  password: z.string().min(1, { message: 'is required' }).max(256),
  code: ZSecondFactorCode,
});
