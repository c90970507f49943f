import type { TMediaSource } from './common';

/** A share as a client is about to send it; `tags` as chosen, before normalising. */
export interface ShareDraft {
  source: TMediaSource;
  shareToCommunity: boolean;
  tags: readonly string[];
  policyAgreed: boolean;
}

export type ShareBlocker = 'policy-required' | 'tags-required' | 'too-many-tags';

/** Tag slugs as the server counts and looks them up: trimmed, lower-cased, empty ones dropped, each once. */
export const normaliseTagSlugs = (tags: readonly string[]): string[] => [
  ...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0)),
];

/** Only user uploads shared to the community need tags and the policy agreement; generated media neither. */
export const needsCommunityDetails = (draft: Pick<ShareDraft, 'source' | 'shareToCommunity'>) =>
  draft.shareToCommunity && draft.source === 'upload';

/**
 * What keeps a share from being accepted, in the order the API documentation lists the errors (the
 * server answers with the first); empty when nothing does. A link-only share needs nothing, whatever it
 * carries. `maxTags` is the server's limit, undefined while a client does not know it yet. Whether the
 * tags exist only the server can say.
 */
export const findShareBlockers = (draft: ShareDraft, maxTags: number | undefined): ShareBlocker[] => {
  if (!draft.shareToCommunity) return [];
  const count = normaliseTagSlugs(draft.tags).length;
  const blockers: ShareBlocker[] = [];
  if (needsCommunityDetails(draft) && !draft.policyAgreed) blockers.push('policy-required');
  if (needsCommunityDetails(draft) && count === 0) blockers.push('tags-required');
  if (maxTags !== undefined && count > maxTags) blockers.push('too-many-tags');
  return blockers;
};
