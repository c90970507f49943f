import { z } from 'zod';
import { ZId, ZIsoDate, oneLine } from './common';

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }));

export const ZUsername = z
  .string()
  .trim()
  .min(3, { message: 'must be at least 3 characters' })
  .max(32, { message: 'must be at most 32 characters' })
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'may contain only letters, digits, "_", "." and "-"' });

export const ZPassword = z
  .string()
  .min(8, { message: 'must be at least 8 characters' })
  .max(256, { message: 'must be at most 256 characters' });

export const ZRegisterInput = z.strictObject({
  email: ZEmail,
  username: ZUsername,
  password: ZPassword,
  /** Needed with REGISTRATION=invite: the code from the invite link. */
  inviteCode: oneLine(z.string().trim().max(200, { message: 'must be at most 200 characters' })).optional(),
});
export type TRegisterInput = z.infer<typeof ZRegisterInput>;

/** `email` also accepts a username, so people can sign in with either. */
export const ZLoginInput = z.strictObject({
  email: oneLine(z.string().trim().min(1, { message: 'is required' }).max(254)),
  password: z.string().min(1, { message: 'is required' }).max(256),
  /** The authenticator app's current code, or one of the recovery codes, for accounts with two-factor sign-in. */
  totp: oneLine(z.string().trim().max(64)).optional(),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const ZUser = z.object({
  id: ZId,
  email: z.string(),
  username: z.string(),
  role: z.enum(['user', 'admin']),
  /** Mature Community items are shown without a click (the user's own setting). */
  showMature: z.boolean(),
  createdAt: ZIsoDate,
});
export type TUser = z.infer<typeof ZUser>;
