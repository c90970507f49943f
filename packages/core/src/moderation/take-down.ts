import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { queueItemDeletion, deleteItemNow } from '../renditions/item-keys';
import { quarantineKeyFor } from '../maintenance/object-home';
import { BUCKETS } from '../ports/storage';
import { withCopyLocked } from './lock-target';

/**
 * `POST /api/admin/community/:id/takedown`: under the item's lock, the copy becomes a tombstone (out of
 * every feed, 410 on its URLs, the reason shown to its owner), its public file and renditions (public or
 * in quarantine) get pending deletes (the delete worker retries until storage confirms), its picture joins the blocklist, its open
 * reports are closed, and the share link of its original stops answering.
 */
export const takeDown = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'storage' | 'logger' | 'now'>,
  { adminId, communityMediaId, reason }: { adminId: number; communityMediaId: number; reason: string },
) => {
  const filePath = await withCopyLocked(
    deps,
    communityMediaId,
    async (tx) => {
      const copy = (await tx.community.findById(communityMediaId))!;
      if (copy.moderationStatus === 'removed') throw ERRORS.alreadyRemoved();
      const now = deps.now();
      await tx.community.setModerationStatus(copy.id, 'removed', { reason, at: now });
      await tx.community.setTags(copy.id, [], copy.createdAt);
      // Wherever its objects are: public, in quarantine (hidden), or halfway between.
      await queueItemDeletion(tx, BUCKETS.general, copy.filePath, now);
      await queueItemDeletion(tx, BUCKETS.userMedia, quarantineKeyFor(copy.filePath), now);
      if (copy.perceptualHash) await tx.moderation.blockHash(copy.perceptualHash, copy.id);
      const closed = await tx.moderation.resolveReports(`community:${copy.id}`, 'actioned', now);
      if (copy.mediaId !== null) {
        const original = await tx.media.findById(copy.mediaId);
        if (original) {
          await tx.media.setShareState(original.id, {
            isShared: original.isShared,
            shareToCommunity: false,
            shareCode: original.shareCode,
          });
          await tx.media.setLinkHidden(original.id, now);
        }
      }
      await tx.moderation.log({
        actorUserId: adminId,
        action: 'takedown',
        targetKind: 'community',
        targetId: copy.id,
        reason,
        details: { ownerId: copy.userId, mediaId: copy.mediaId, reportsClosed: closed, blocked: Boolean(copy.perceptualHash) },
        createdAt: now,
      });
      return copy.filePath;
    },
    () => ERRORS.communityItemNotFound(),
  );
  // After the commit: at once where storage answers; the delete worker finishes what it does not.
  await deleteItemNow(deps, BUCKETS.general, filePath);
  await deleteItemNow(deps, BUCKETS.userMedia, quarantineKeyFor(filePath));
  return { ok: true as const };
};
