import { z } from 'zod';
import { ERRORS } from '../errors/catalog';
import { ZEmail, ZPassword, ZUsername } from './auth';
import { ZIsoDate } from './common';
import { standaloneMessage } from './format';

export const ZChangePasswordInput = z.strictObject({
  currentPassword: z.string().min(1, { message: 'is required' }).max(256),
  newPassword: ZPassword,
});
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

/** Deleting the account asks for its password again (the web app also has the username typed out). */
export const ZDeleteAccountInput = z.strictObject({ password: z.string().min(1, { message: 'is required' }).max(256) });
export type TDeleteAccountInput = z.infer<typeof ZDeleteAccountInput>;

/** The same rules as registration; at least one of the two. */
export const ZUpdateProfileInput = z
  .strictObject({ username: ZUsername.optional(), email: ZEmail.optional() })
  .refine((input) => input.username !== undefined || input.email !== undefined, {
    message: standaloneMessage(ERRORS.nothingToChange.answer().message),
  });
export type TUpdateProfileInput = z.infer<typeof ZUpdateProfileInput>;

const invalidSessionId = standaloneMessage(ERRORS.invalidSessionId.answer().message);

/** A session as its owner sees it: never the secret's hash, only the id made for listing. */
export const ZSessionId = z
  .string({ error: invalidSessionId })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: invalidSessionId })
  .meta({ description: 'Session ID, as the session list gives it', example: '3f2b8c1e-5d4a-4b7e-9c2d-1a0e8f6b7c5d' });

export const ZSessionIdInput = z.strictObject({ id: ZSessionId });

export const ZSession = z.object({
  id: ZSessionId,
  createdAt: ZIsoDate,
  lastSeenAt: ZIsoDate,
  /** "Firefox on Linux", or "Unknown device" when the browser said nothing useful. */
  device: z.string(),
  /** True for the session that made this request. */
  current: z.boolean(),
});
export type TSession = z.infer<typeof ZSession>;

export const ZEndedSessions = z.object({ ended: z.number().int().min(0) });

export const ZResetPasswordInput = z.strictObject({
  token: z.string().min(1, { message: 'is required' }).max(128),
  newPassword: ZPassword,
});
export type TResetPasswordInput = z.infer<typeof ZResetPasswordInput>;

export const ZForgotPasswordInput = z.strictObject({ email: ZEmail });
export type TForgotPasswordInput = z.infer<typeof ZForgotPasswordInput>;
