import type { Repos } from '../ports/database';
import type { CommunityMediaRecord } from '../ports/records';
import { BUCKETS } from '../ports/storage';
import { markItemObjects } from '../renditions/item-keys';
import { SHARE_ACTIVITY } from './activity';

/**
 * Takes a community copy out, inside the caller's transaction: its row and tags now, its file and renditions
 * after the commit (the caller discards the returned path with discardItemObjects) or, if the process dies first, by the sweep. With
 * `activity` it is recorded as `media_community_unshared` for that user.
 */
export const removeCommunityCopy = async (
  tx: Pick<Repos, 'community' | 'storageIntents' | 'activity'>,
  copy: CommunityMediaRecord,
  activity?: { userId: number; shareCode?: string | null },
): Promise<string> => {
  await tx.community.delete(copy.id);
  await markItemObjects(tx, BUCKETS.general, copy.filePath);
  if (activity) {
    await tx.activity.record({
      userId: activity.userId,
      action: SHARE_ACTIVITY.communityRemoved,
      feature: SHARE_ACTIVITY.feature,
      details: {
        mediaId: copy.mediaId,
        communityMediaId: copy.id,
        ...(activity.shareCode === undefined ? {} : { shareCode: activity.shareCode }),
      },
    });
  }
  return copy.filePath;
};
