import { z } from 'zod';
import { ZId } from './common';

export const ZTagSlug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be lower-case words joined by "-"' })
  .max(64);

/** Another spelling of a tag (`bw`, `b&w`): words of letters and digits joined by "-", "&", "+", "." or "_". */
export const ZTagAlias = z
  .string()
  .regex(/^[a-z0-9]+(?:[-&+._][a-z0-9]+)*$/, { message: 'must be lower-case words joined by "-", "&", "+", "." or "_"' })
  .max(64);

/** A tag as a filter names it: its slug or one of its aliases (the alias resolves to the tag). */
export const ZTagName = ZTagAlias;

export const ZTag = z.object({
  id: ZId,
  slug: z.string(),
  label: z.string(),
  aliases: z.array(z.string()).meta({ description: 'Other spellings that resolve to this tag' }),
  count: z.number().int().nonnegative().meta({ description: 'Community items carrying the tag' }),
});
export type TTag = z.infer<typeof ZTag>;

export const MAX_SUGGEST_QUERY = 64;
export const MAX_SUGGESTIONS = 10;

export const ZTagSuggestQuery = z.object({
  q: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, { message: 'is required' })
    .max(MAX_SUGGEST_QUERY, { message: `must be at most ${MAX_SUGGEST_QUERY} characters` })
    // A NUL would reach PostgreSQL, which refuses it in text (a 500); no tag has any control character.
    // eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
    .refine((value) => !/[\u0000-\u001F\u007F]/.test(value), { message: 'must not contain control characters' })
    .meta({ description: 'What the user has typed: matched against the start of slugs, labels and aliases' }),
});
export const ZTagSuggestInput = z.strictObject(ZTagSuggestQuery.shape);

export const ZTagSuggestion = z.object({
  slug: z.string(),
  label: z.string(),
  count: z.number().int().nonnegative(),
  /** The alias the query matched, when it matched one rather than the slug or label. */
  matchedAlias: z.string().nullable(),
});
export type TTagSuggestion = z.infer<typeof ZTagSuggestion>;

/** The file `pnpm tags:sync` reads: the complete vocabulary of canonical tags and their aliases. */
export const ZTagList = z
  .array(
    z.strictObject({
      slug: ZTagSlug,
      label: z.string().trim().min(1).max(64),
      aliases: z.array(ZTagAlias).max(20).optional(),
      /** A tag kept for the items that carry it but no longer offered for new shares. */
      active: z.boolean().optional(),
      /** Moves every item of this tag to that one; this slug then resolves to it, as an alias. */
      mergeInto: ZTagSlug.optional(),
    }),
  )
  .refine((tags) => new Set(tags.map((t) => t.slug)).size === tags.length, { message: 'slugs must be unique' })
  .refine(
    (tags) => {
      const names = tags.flatMap((t) => [t.slug, ...(t.aliases ?? [])]);
      return new Set(names).size === names.length;
    },
    { message: "an alias must name one tag only, and never be another tag's slug" },
  )
  .refine(
    (tags) =>
      tags.every(
        (t) =>
          t.mergeInto === undefined ||
          (t.mergeInto !== t.slug && tags.some((other) => other.slug === t.mergeInto && other.mergeInto === undefined)),
      ),
    { message: 'mergeInto must name another listed tag that is not merged itself' },
  );
export type TTagList = z.infer<typeof ZTagList>;

// The vocabulary as admins manage it at /admin/tags.

export const ZTagAliasOrigin = z.enum(['file', 'admin']).meta({
  description: '`file`: managed by `pnpm tags:sync`; `admin`: added at /admin/tags or by a merge there, kept by a sync',
});

export const ZAdminTag = z.object({
  id: ZId,
  slug: z.string(),
  label: z.string(),
  active: z.boolean().meta({ description: 'Offered for new shares; inactive tags stay on the items that carry them' }),
  aliases: z.array(z.object({ alias: z.string(), origin: ZTagAliasOrigin })),
  count: z.number().int().nonnegative().meta({ description: 'Community items carrying the tag' }),
  mergedInto: z.string().nullable().meta({ description: 'The tag this one was merged into (its slug is now an alias of it)' }),
});
export type TAdminTag = z.infer<typeof ZAdminTag>;
export const ZAdminTagList = z.object({ tags: z.array(ZAdminTag) });
export type TAdminTagList = z.infer<typeof ZAdminTagList>;

/** Path segment: a canonical slug; anything else is simply a tag that does not exist (404). */
export const ZTagSlugParam = z.string().min(1).max(200).meta({ description: 'The tag’s slug', example: 'black-and-white' });

export const ZCreateTagAliasInput = z.strictObject({
  alias: z
    .string({ error: 'is required' })
    .trim()
    .toLowerCase()
    .pipe(ZTagAlias.max(64, { message: 'must be at most 64 characters' }))
    .meta({ description: 'Another spelling that will resolve to this tag', example: 'bw' }),
});
export type TCreateTagAliasInput = z.infer<typeof ZCreateTagAliasInput>;

// eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
const LABEL_REFUSED = /[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;

export const ZUpdateTagFields = z.strictObject({
  label: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(64, { message: 'must be at most 64 characters' })
    .refine((label) => !LABEL_REFUSED.test(label), { message: 'must not contain control or direction-changing characters' })
    .optional(),
  active: z.boolean({ error: 'must be true or false' }).optional(),
});
/** A PATCH that changes nothing is a mistake worth saying so. */
export const hasTagChange = [
  (input: { label?: string | undefined; active?: boolean | undefined }) =>
    input.label !== undefined || input.active !== undefined,
  { message: 'give label, active or both' },
] as const;
export const ZUpdateTagInput = ZUpdateTagFields.refine(...hasTagChange);
export type TUpdateTagInput = z.infer<typeof ZUpdateTagInput>;

export const ZMergeTagInput = z.strictObject({
  into: z
    .string({ error: 'is required' })
    .trim()
    .toLowerCase()
    .pipe(ZTagSlug)
    .meta({ description: 'The slug of the tag that receives the items', example: 'black-and-white' }),
});

export const ZMergeTagResult = z.object({
  moved: z.number().int().nonnegative().meta({ description: 'Community items that carried the merged tag' }),
  tag: ZAdminTag.meta({ description: 'The tag merged into, as it is now' }),
});
export type TMergeTagResult = z.infer<typeof ZMergeTagResult>;
