import { ERRORS } from '../errors';
import type { TagRepo } from '../ports/database';
import type { CommunityTexts } from '../ports/records';
import type { TMediaSource } from '../schemas/common';
import type { TShareOptions } from '../schemas/share';
import { findShareBlockers, normaliseTagSlugs } from '../schemas/share-rules';
import { resolveTagNames, unknownTagsError } from '../tags/resolve-tags';

export interface ValidShare {
  shareToCommunity: boolean;
  tagIds: number[];
  tagSlugs: string[];
  /** The texts the request gave (an empty string clears one); absent ones stay as they are. */
  texts: CommunityTexts;
}

const LINK_ONLY: ValidShare = { shareToCommunity: false, tagIds: [], tagSlugs: [], texts: {} };

/**
 * Checks a share request against the item's source before anything is written: the rule clients
 * check too (schemas/share-rules.ts), answered with the documented message of its first objection,
 * then the tags against the active canonical list. A link-only share ignores tags and policy (the
 * documented dialog sends them either way).
 */
export const validateShare = async (
  { tags, maxTags }: { tags: Pick<TagRepo, 'resolve' | 'findVocabulary'>; maxTags: number },
  source: TMediaSource,
  options: TShareOptions,
): Promise<ValidShare> => {
  if (!options.shareToCommunity) return LINK_ONLY;
  const slugs = normaliseTagSlugs(options.tags);
  const [blocker] = findShareBlockers({ source, ...options }, maxTags);
  if (blocker === 'policy-required') throw ERRORS.policyRequired();
  if (blocker === 'tags-required') throw ERRORS.tagsRequired();
  if (blocker === 'too-many-tags') throw ERRORS.tooManyTags({ given: slugs.length, max: maxTags });
  const { tags: found, unknown } = await resolveTagNames(tags, slugs, { activeOnly: true });
  if (unknown.length > 0) throw await unknownTagsError(tags, unknown);
  return {
    shareToCommunity: true,
    tagSlugs: found.map((tag) => tag.slug),
    tagIds: found.map((tag) => tag.id),
    texts: textsOf(options),
  };
};

/** An empty (or blank) text clears the field; one not sent leaves it. */
const textsOf = ({ title, caption, altText }: TShareOptions): CommunityTexts => {
  const clean = (value: string | undefined) => (value === undefined ? undefined : value.trim() === '' ? null : value);
  return { title: clean(title), caption: clean(caption), altText: clean(altText) };
};
