import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { deleteItemNow } from '../renditions/item-keys';
import type { Repos } from '../ports/database';
import { BUCKETS } from '../ports/storage';
import { removeCommunityCopy } from '../share/remove-community-copy';
import { runLocked } from '../share/run-locked';
import { withShareErrors } from '../share/share-errors';

/**
 * `DELETE /api/community/:id`: the owner takes an item out of the Community feed: its row, its tags and
 * its public file. This is how an item whose original was deleted from the vault (the copy outlives it)
 * is unpublished. When the original is still in the vault, its community flag is cleared under the
 * item's lock, as `shareToCommunity: false` would, and its share link keeps working. Someone else's
 * item and a missing one are the same 404.
 */
export const removeCommunityItem = (deps: CoreDeps, { userId, communityMediaId }: { userId: number; communityMediaId: number }) =>
  withShareErrors(
    deps,
    ERRORS.communityRemoveFailed,
    async (): Promise<void> => {
      const remove = (lockedMediaId: number | null) => async (tx: Repos) => {
        const row = await tx.community.findById(communityMediaId);
        if (!row || row.userId !== userId) throw ERRORS.communityItemNotFound();
        // The original was deleted after we looked: take the other path.
        if (row.mediaId !== lockedMediaId) return { kind: 'again' } as const;
        const original = lockedMediaId === null ? null : await tx.media.findOwned(userId, lockedMediaId);
        if (original) {
          await tx.media.setShareState(original.id, {
            isShared: original.isShared,
            shareToCommunity: false,
            shareCode: original.shareCode,
          });
        }
        const filePath = await removeCommunityCopy(tx, row, deps.now(), {
          userId,
          ...(original ? { shareCode: original.shareCode } : {}),
        });
        return { kind: 'removed', filePath } as const;
      };

      for (;;) {
        const found = await deps.db.community.findById(communityMediaId);
        if (!found || found.userId !== userId) throw ERRORS.communityItemNotFound();
        const { mediaId } = found;
        const outcome =
          mediaId === null ? await deps.db.transaction(remove(null)) : await runLocked(deps, mediaId, remove(mediaId));
        if (outcome.kind === 'removed') {
          if (outcome.filePath) await deleteItemNow(deps, BUCKETS.general, outcome.filePath);
          return;
        }
      }
    },
    { passOutages: true },
  );
