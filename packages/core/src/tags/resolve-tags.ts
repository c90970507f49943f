import { ERRORS } from '../errors';
import type { TagRepo } from '../ports/database';
import type { TagRecord } from '../ports/records';

export interface ResolvedTags {
  /** Each tag once, in the order first named, whether by its slug or an alias. */
  tags: TagRecord[];
  unknown: string[];
}

/** Slugs and aliases to canonical tags: an alias is never an error, it is another name. */
export const resolveTagNames = async (
  repo: Pick<TagRepo, 'resolve'>,
  names: readonly string[],
  { activeOnly }: { activeOnly: boolean },
): Promise<ResolvedTags> => {
  const unique = [...new Set(names)];
  const found = await repo.resolve(unique, { activeOnly });
  const byName = new Map<string, (typeof found)[number]>();
  for (const tag of found) {
    const known = byName.get(tag.name);
    // A merged tag keeps its row (inactive) and its slug becomes an alias of the tag it went into: the
    // alias wins, so an old link or habit finds the items where they are now.
    if (!known || (known.slug === tag.name && !known.active)) byName.set(tag.name, tag);
  }
  const tags = new Map<number, TagRecord>();
  const unknown: string[] = [];
  for (const name of unique) {
    const tag = byName.get(name);
    if (!tag) unknown.push(name);
    else if (!tags.has(tag.id)) tags.set(tag.id, { id: tag.id, slug: tag.slug, label: tag.label, active: tag.active });
  }
  return { tags: [...tags.values()], unknown };
};

/**
 * Edit distance where swapping two neighbours counts once ("nigth"), as typing slips do (optimal string
 * alignment). Names are at most 64 characters and the vocabulary is small.
 */
const distance = (a: string, b: string): number => {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
};

const MAX_SUGGESTED = 3;

/**
 * Canonical slugs close to the unknown names: within one edit of a slug or alias (two from six characters,
 * three from ten), or the start of one. Runs only on the refusal path, over the active vocabulary.
 */
export const suggestCloseTags = async (repo: Pick<TagRepo, 'findVocabulary'>, unknown: readonly string[]): Promise<string[]> => {
  const vocabulary = await repo.findVocabulary();
  const scored: { slug: string; score: number; count: number }[] = [];
  for (const tag of vocabulary) {
    let best = Infinity;
    for (const name of unknown)
      for (const known of [tag.slug, ...tag.aliases]) {
        const limit = name.length >= 10 ? 3 : name.length >= 6 ? 2 : 1;
        const d = known.startsWith(name) && name.length >= 3 ? 0.5 : distance(name, known);
        if (d <= limit) best = Math.min(best, d);
      }
    if (best < Infinity) scored.push({ slug: tag.slug, score: best, count: tag.itemCount });
  }
  return scored
    .sort((a, b) => a.score - b.score || b.count - a.count || a.slug.localeCompare(b.slug))
    .slice(0, MAX_SUGGESTED)
    .map((s) => s.slug);
};

/** The seed-style refusal naming the unknown names, with "did you mean" where the vocabulary has one. */
export const unknownTagsError = async (repo: Pick<TagRepo, 'findVocabulary'>, unknown: readonly string[]) =>
  ERRORS.unknownTags({ slugs: unknown, suggestions: await suggestCloseTags(repo, unknown) });
