import type { CoreDeps } from '../deps';
import { MAX_SUGGESTIONS, type TTagSuggestion } from '../schemas/tags';

/** What a tag field offers as the user types: prefix matches on slug, label or alias, most used first. */
export const suggestTags = async ({ db }: Pick<CoreDeps, 'db'>, { q }: { q: string }): Promise<TTagSuggestion[]> =>
  (await db.tags.suggest(q, MAX_SUGGESTIONS)).map(({ slug, label, itemCount, matchedAlias }) => ({
    slug,
    label,
    count: itemCount,
    matchedAlias,
  }));
