import type { TMediaSource, TShareInput } from '@mediashare/core/schemas';

export interface ShareDraft {
  source: TMediaSource;
  shareToCommunity: boolean;
  tags: readonly string[];
  policyAgreed: boolean;
}

export type ShareBlocker = 'tags-required' | 'too-many-tags' | 'policy-required';

/** Only user uploads shared to the community need tags and the policy agreement (generated media is the service's own). */
export const needsCommunityDetails = (draft: Pick<ShareDraft, 'source' | 'shareToCommunity'>) =>
  draft.shareToCommunity && draft.source === 'upload';

/**
 * Why the Share button is disabled, in the order a person fixes them; empty when the request would be
 * accepted. The documented dialog's rule (tags and policy for uploads), applied only when the item goes
 * to the community, because a link-only share needs neither; plus the server's tag limit once it is known
 * (until then the picker offers no tags, so there is nothing to count).
 */
export const findShareBlockers = (draft: ShareDraft, maxTags: number | undefined): ShareBlocker[] => {
  if (!draft.shareToCommunity) return [];
  const blockers: ShareBlocker[] = [];
  if (needsCommunityDetails(draft) && draft.tags.length === 0) blockers.push('tags-required');
  if (maxTags !== undefined && draft.tags.length > maxTags) blockers.push('too-many-tags');
  if (needsCommunityDetails(draft) && !draft.policyAgreed) blockers.push('policy-required');
  return blockers;
};

export const canShare = (draft: ShareDraft, maxTags: number | undefined) => findShareBlockers(draft, maxTags).length === 0;

export const describeBlocker = (blocker: ShareBlocker, maxTags: number | undefined): string =>
  ({
    'tags-required': 'Choose at least one tag.',
    'too-many-tags': `Choose at most ${maxTags} tags.`,
    'policy-required': 'Agree to the community sharing policy.',
  })[blocker];

/** The request body: tags and agreement go only where they mean something, so nothing is sent by accident. */
export const toShareInput = (draft: ShareDraft): TShareInput => {
  if (!draft.shareToCommunity) return { shareToCommunity: false };
  if (!needsCommunityDetails(draft)) return { shareToCommunity: true };
  return { shareToCommunity: true, tags: [...draft.tags], policyAgreed: draft.policyAgreed };
};
