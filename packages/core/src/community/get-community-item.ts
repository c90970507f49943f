import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { TCommunityItem } from '../schemas/community';
import { COMMUNITY_MESSAGES } from './messages';
import { toCommunityItem } from './to-community-item';

export const getCommunityItem = async (deps: Pick<CoreDeps, 'db' | 'storage'>, id: number): Promise<TCommunityItem> => {
  const row = await deps.db.community.findFeedItem(id);
  if (!row) throw new AppError('NOT_FOUND', COMMUNITY_MESSAGES.notFound);
  return toCommunityItem(deps, row);
};
