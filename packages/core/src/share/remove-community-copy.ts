import type { Repos } from '../ports/database';
import type { CommunityMediaRecord } from '../ports/records';
import { quarantineKeyFor } from '../maintenance/object-home';
import { BUCKETS } from '../ports/storage';
import { queueItemDeletion } from '../renditions/item-keys';
import { SHARE_ACTIVITY } from './activity';

/**
 * Takes a community copy out, inside the caller's transaction: its row and tags now, its public file and
 * renditions queued for deletion (the caller calls `deleteItemNow` with the returned path after the commit;
 * if storage does not confirm, the delete worker retries within seconds). With `activity` it is recorded as
 * `media_community_unshared` for that user.
 */
export const removeCommunityCopy = async (
  tx: Pick<Repos, 'community' | 'pendingDeletes' | 'activity'>,
  copy: CommunityMediaRecord,
  now: Date,
  activity?: { userId: number; shareCode?: string | null },
): Promise<string | undefined> => {
  // A taken-down copy stays as its tombstone (its objects are gone already): unsharing changes nothing there.
  if (copy.moderationStatus === 'removed') return undefined;
  await tx.community.delete(copy.id);
  await queueItemDeletion(tx, BUCKETS.general, copy.filePath, now);
  // A hidden copy's objects wait in quarantine: the delete worker takes them from there.
  if (copy.moderationStatus === 'hidden') await queueItemDeletion(tx, BUCKETS.userMedia, quarantineKeyFor(copy.filePath), now);
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
