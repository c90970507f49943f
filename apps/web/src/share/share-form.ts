import {
  findShareBlockers,
  needsCommunityDetails,
  type ShareBlocker,
  type ShareDraft,
  type TShareInput,
} from '@mediashare/core/schemas';

/** The order a person fixes things in: the tag picker sits above the policy checkbox. */
const FIX_ORDER: readonly ShareBlocker[] = ['tags-required', 'too-many-tags', 'policy-required'];

export const describeBlocker = (blocker: ShareBlocker, maxTags: number | undefined): string =>
  ({
    'tags-required': 'Choose at least one tag.',
    'too-many-tags': `Choose at most ${maxTags} tags.`,
    'policy-required': 'Agree to the community sharing policy.',
  })[blocker];

/**
 * Why the Share button is disabled, one sentence per reason in the order a person fixes them; empty when
 * the server would accept the request. The rule is the server's own (findShareBlockers), with its tag
 * limit once it is known (until then the picker offers no tags, so there is nothing to count).
 */
export const shareHints = (draft: ShareDraft, maxTags: number | undefined): string[] =>
  findShareBlockers(draft, maxTags)
    .sort((a, b) => FIX_ORDER.indexOf(a) - FIX_ORDER.indexOf(b))
    .map((blocker) => describeBlocker(blocker, maxTags));

/** The request body: tags and agreement go only where they mean something, so nothing is sent by accident. */
export const toShareInput = (draft: ShareDraft): TShareInput => {
  if (!draft.shareToCommunity) return { shareToCommunity: false };
  if (!needsCommunityDetails(draft)) return { shareToCommunity: true };
  return { shareToCommunity: true, tags: [...draft.tags], policyAgreed: draft.policyAgreed };
};
