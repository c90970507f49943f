import { z } from 'zod';

/** `{code}` in the paths a share link opens; core decides whether it names a live share. */
export const ZShareCodeParams = z.object({ code: z.string().meta({ description: 'Share code', example: 'abc123def456' }) });
