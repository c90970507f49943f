import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { formatZodError } from '../schemas/format';
import { ZTagList, type TTag } from '../schemas/tags';
import defaultTags from './default-tags.json' with { type: 'json' };

export const DEFAULT_TAGS: readonly { slug: string; label: string; aliases?: string[]; active?: boolean }[] = defaultTags;

/**
 * Makes the canonical list equal to `list`: new slugs are added, changed labels are updated, slugs no
 * longer listed are deactivated (their assignments stay), and listed inactive ones come back.
 */
export const syncTags = async ({ db, logger }: Pick<CoreDeps, 'db' | 'logger'>, list: unknown) => {
  const parsed = ZTagList.safeParse(list);
  if (!parsed.success) throw ERRORS.invalidTagList({ detail: formatZodError(parsed.error) });
  const result = await db.tags.sync(parsed.data);
  logger.info(result, 'tags synced');
  return result;
};

/** First start: a database with no tags gets the shipped list. */
export const seedDefaultTags = async ({ db }: Pick<CoreDeps, 'db'>) => db.tags.seedIfEmpty([...DEFAULT_TAGS]);

/** The active vocabulary as GET /api/tags answers it: each tag with its aliases and item count. */
export const findActiveTags = async ({ db }: Pick<CoreDeps, 'db'>): Promise<TTag[]> =>
  (await db.tags.findVocabulary()).map(({ id, slug, label, aliases, itemCount }) => ({
    id,
    slug,
    label,
    aliases,
    count: itemCount,
  }));
