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
