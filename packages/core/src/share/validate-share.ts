import { ERRORS } from '../errors';
import type { TagRepo } from '../ports/database';
import type { TMediaSource } from '../schemas/common';
import type { TShareOptions } from '../schemas/share';
import { findShareBlockers, normaliseTagSlugs } from '../schemas/share-rules';

export interface ValidShare {
  shareToCommunity: boolean;
  tagIds: number[];
  tagSlugs: string[];
}

const LINK_ONLY: ValidShare = { shareToCommunity: false, tagIds: [], tagSlugs: [] };

/**
 * Checks a share request against the item's source before anything is written: the rule clients
 * check too (schemas/share-rules.ts), answered with the documented message of its first objection,
 * then the tags against the active canonical list. A link-only share ignores tags and policy (the
 * documented dialog sends them either way).
 */
export const validateShare = async (
  { tags, maxTags }: { tags: Pick<TagRepo, 'findActiveBySlugs'>; maxTags: number },
  source: TMediaSource,
  options: TShareOptions,
): Promise<ValidShare> => {
  if (!options.shareToCommunity) return LINK_ONLY;
  const slugs = normaliseTagSlugs(options.tags);
  const [blocker] = findShareBlockers({ source, ...options }, maxTags);
  if (blocker === 'policy-required') throw ERRORS.policyRequired();
  if (blocker === 'tags-required') throw ERRORS.tagsRequired();
  if (blocker === 'too-many-tags') throw ERRORS.tooManyTags({ given: slugs.length, max: maxTags });
  const found = await tags.findActiveBySlugs(slugs);
  const unknown = slugs.filter((slug) => !found.some((tag) => tag.slug === slug));
  if (unknown.length > 0) throw ERRORS.unknownTags({ slugs: unknown });
  return { shareToCommunity: true, tagSlugs: slugs, tagIds: found.map((tag) => tag.id) };
};
