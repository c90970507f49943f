import { z } from 'zod';
import { ZRegistrationMode } from './instance';

/** The limits clients need to check input before sending it. */
export const ZPublicConfig = z.object({
  maxUploadBytes: z.number().int(),
  maxImagePixels: z.number().int(),
  maxTagsPerMedia: z.number().int(),
  /** Who may sign up: the sign-up page shows the form, an invite code field, or that sign-ups are closed. */
  registration: ZRegistrationMode,
});
export type TPublicConfig = z.infer<typeof ZPublicConfig>;
