import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { discardItemObjects } from '../renditions/item-keys';
import { toMediaItem } from '../media/to-media-item';
import { BUCKETS } from '../ports/storage';
import type { TMediaItem } from '../schemas/media';
import { SHARE_ACTIVITY } from './activity';
import { removeCommunityCopy } from './remove-community-copy';
import { runLocked } from './run-locked';
import { withShareErrors } from './share-errors';

/**
 * `DELETE /api/media/:id/share`: retires the share code (the link answers 404 from now on), removes the
 * community copy if there is one, and clears both flags. Deleting a share that does not exist is fine.
 */
export const deleteShare = (deps: CoreDeps, { userId, mediaId }: { userId: number; mediaId: number }): Promise<TMediaItem> =>
  withShareErrors(deps, ERRORS.shareRemoveFailed, async () => {
    const done = await runLocked(deps, mediaId, async (tx) => {
      const state = await tx.media.findOwnedShareState(userId, mediaId);
      if (!state) throw ERRORS.mediaNotFound();
      const { media, claim, community: existing } = state;
      if (claim && claim.expiresAt > deps.now()) return { kind: 'wait' } as const;
      const discard = existing ? await removeCommunityCopy(tx, existing) : undefined;
      const updated = await tx.media.setShareState(mediaId, { isShared: false, shareToCommunity: false, shareCode: null });
      if (media.shareCode || existing) {
        await tx.activity.record({
          userId,
          action: SHARE_ACTIVITY.shareDeleted,
          feature: SHARE_ACTIVITY.feature,
          details: { mediaId, shareCode: media.shareCode, ...(existing ? { communityMediaId: existing.id } : {}) },
        });
      }
      return { kind: 'done', media: updated, discard } as const;
    });
    if (done.discard) await discardItemObjects(deps, BUCKETS.general, done.discard);
    return toMediaItem(done.media);
  });
