import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TCommunityItem } from '../schemas/community';
import { toCommunityItem } from './to-community-item';

export const getCommunityItem = async (deps: Pick<CoreDeps, 'db' | 'storage'>, id: number): Promise<TCommunityItem> => {
  const row = await deps.db.community.findFeedItem(id);
  if (!row || row.moderationStatus === 'hidden') throw ERRORS.communityItemNotFound();
  if (row.moderationStatus === 'removed') throw ERRORS.communityItemRemoved();
  return toCommunityItem(deps, row);
};
