import { z } from 'zod';
import { ZId } from './common';

export const ZTagSlug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be lower-case words joined by "-"' })
  .max(64);

export const ZTag = z.object({ id: ZId, slug: z.string(), label: z.string() });
export type TTag = z.infer<typeof ZTag>;

/** The file `pnpm tags:sync` reads: the complete list of canonical tags. */
export const ZTagList = z
  .array(z.strictObject({ slug: ZTagSlug, label: z.string().trim().min(1).max(64) }))
  .refine((tags) => new Set(tags.map((t) => t.slug)).size === tags.length, { message: 'slugs must be unique' });
export type TTagList = z.infer<typeof ZTagList>;
