import type { CoreDeps } from '../deps';
import { ERRORS, isAppError } from '../errors';
import { deleteItemNow } from '../renditions/item-keys';
import { BUCKETS } from '../ports/storage';
import type { TRevokeExposureInput, TRevokeExposureResult } from '../schemas/share-links';
import { SHARE_ACTIVITY } from '../share/activity';
import { removeCommunityCopy } from '../share/remove-community-copy';
import { runLocked } from '../share/run-locked';
import { removeCommunityItem } from '../community/remove-community-item';

export const EXPOSURE_REVOKED = 'media_exposure_revoked';

/**
 * `POST /api/user/exposure/revoke`: retires every share link and/or takes every community item of the
 * caller out, one transaction per item under the item's lock (as a share takes it), one activity entry
 * per item. A share of an item that commits before its turn is retired with it; a copy still being made
 * is waited for. Answers how many links and community items were retired.
 */
export const revokeExposure = async (
  deps: CoreDeps,
  { userId, links, community }: TRevokeExposureInput & { userId: number },
): Promise<TRevokeExposureResult> => {
  const { mediaIds, orphanCommunityIds } = await deps.db.shareLinks.findExposedIds(userId);
  const counts = { links: 0, community: 0 };
  for (const mediaId of mediaIds) {
    const done = await runLocked(deps, mediaId, async (tx) => {
      const state = await tx.media.findOwnedShareState(userId, mediaId);
      // Deleted from the vault meanwhile: its copy, if any, is an orphan the next revoke finds.
      if (!state) return { kind: 'gone' } as const;
      const { media, claim, community: copy } = state;
      if (claim && claim.expiresAt > deps.now()) return { kind: 'wait' } as const;
      const retireLink = links && media.isShared && media.shareCode !== null;
      const removeCopy = community && copy !== null;
      if (!retireLink && !removeCopy) return { kind: 'gone' } as const;
      const discard = removeCopy ? await removeCommunityCopy(tx, copy, deps.now()) : undefined;
      await tx.media.setShareState(mediaId, {
        isShared: retireLink ? false : media.isShared,
        shareToCommunity: removeCopy ? false : media.shareToCommunity,
        shareCode: retireLink ? null : media.shareCode,
      });
      if (retireLink) await tx.shareLinks.deleteForMedia(mediaId);
      await tx.activity.record({
        userId,
        action: EXPOSURE_REVOKED,
        feature: SHARE_ACTIVITY.feature,
        details: {
          mediaId,
          ...(retireLink ? { shareCode: media.shareCode } : {}),
          ...(removeCopy ? { communityMediaId: copy.id } : {}),
        },
      });
      return { kind: 'revoked', retireLink, removeCopy, discard } as const;
    });
    if (done.kind !== 'revoked') continue;
    if (done.retireLink) counts.links += 1;
    if (done.removeCopy) counts.community += 1;
    if (done.discard) await deleteItemNow(deps, BUCKETS.general, done.discard);
  }
  if (community) {
    for (const communityMediaId of orphanCommunityIds) {
      try {
        await removeCommunityItem(deps, { userId, communityMediaId });
        counts.community += 1;
      } catch (error) {
        // Removed by another request meanwhile: nothing left to revoke.
        if (!(isAppError(error) && error.code === ERRORS.communityItemNotFound.code)) throw error;
      }
    }
  }
  return counts;
};
