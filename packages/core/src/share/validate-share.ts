import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TMediaSource } from '../schemas/common';
import type { TShareOptions } from '../schemas/share';

export interface ValidShare {
  shareToCommunity: boolean;
  tagIds: number[];
  tagSlugs: string[];
}

/**
 * Checks a share request against the item's source before anything is written. Uploads shared to the
 * community need the policy agreement and at least one tag; tags are trimmed, lower-cased and
 * de-duplicated, and every one must be an active canonical tag. A link-only share ignores tags and
 * policy (the documented dialog sends them either way).
 */
export const validateShare = async (
  { db, config }: Pick<CoreDeps, 'db' | 'config'>,
  source: TMediaSource,
  options: TShareOptions,
): Promise<ValidShare> => {
  if (!options.shareToCommunity) return { shareToCommunity: false, tagIds: [], tagSlugs: [] };

  const slugs = [...new Set(options.tags.map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))];
  if (source === 'upload') {
    if (!options.policyAgreed) throw ERRORS.policyRequired();
    if (slugs.length === 0) throw ERRORS.tagsRequired();
  }
  if (slugs.length > config.maxTagsPerMedia) throw ERRORS.tooManyTags({ given: slugs.length, max: config.maxTagsPerMedia });
  const found = await db.tags.findActiveBySlugs(slugs);
  const known = new Set(found.map((t) => t.slug));
  const unknown = slugs.filter((s) => !known.has(s));
  if (unknown.length > 0) throw ERRORS.unknownTags({ slugs: unknown });
  const bySlug = new Map(found.map((t) => [t.slug, t.id]));
  return { shareToCommunity: true, tagSlugs: slugs, tagIds: slugs.map((s) => bySlug.get(s) ?? 0) };
};
