import { z } from 'zod';

/** The limits clients need to check input before sending it. */
export const ZPublicConfig = z.object({
  maxUploadBytes: z.number().int(),
  maxImagePixels: z.number().int(),
  maxTagsPerMedia: z.number().int(),
});
export type TPublicConfig = z.infer<typeof ZPublicConfig>;
