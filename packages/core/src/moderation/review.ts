import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { quarantineKeyFor } from '../maintenance/object-home';
import type { Repos } from '../ports/database';
import { BUCKETS } from '../ports/storage';
import { deleteItemNow, queueItemDeletion } from '../renditions/item-keys';
import { runLocked } from '../share/run-locked';
import { withCopyLocked } from './lock-target';

/**
 * Shows a hidden copy (and its original's link) again; removed and visible ones are left as they are.
 * Returns the quarantine key whose objects must go back to the public bucket (`returnFromQuarantine`).
 */
const unhide = async (tx: Repos, communityMediaId: number | null, mediaId: number | null, now: Date) => {
  const copy = communityMediaId === null ? null : await tx.community.findById(communityMediaId);
  let quarantined: string | null = null;
  if (copy?.moderationStatus === 'hidden') {
    await tx.community.setModerationStatus(copy.id, 'visible');
    quarantined = quarantineKeyFor(copy.filePath);
    await queueItemDeletion(tx, BUCKETS.userMedia, quarantined, now);
    // Hidden before its renditions were made (no job runs for a hidden copy): they are made now.
    if (copy.thumbnailPath === null && copy.renditionError === null)
      await tx.renditionJobs.enqueue({ kind: 'community', id: copy.id }, now);
  }
  if (mediaId !== null && copy?.moderationStatus !== 'removed') await tx.media.setLinkHidden(mediaId, null);
  return quarantined;
};

/** After the commit: at once where storage answers; the delete worker finishes what it does not. */
const returnFromQuarantine = async (deps: Pick<CoreDeps, 'db' | 'config' | 'storage' | 'logger' | 'now'>, key: string | null) => {
  if (key) await deleteItemNow(deps, BUCKETS.userMedia, key);
};

/** `POST /api/admin/reports/:id/dismiss`: closes every open report of that item and restores what they hid. */
export const dismissReport = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now' | 'storage' | 'logger'>,
  { adminId, reportId }: { adminId: number; reportId: number },
) => {
  const report = await deps.db.moderation.findReport(reportId);
  if (!report) throw ERRORS.reportNotFound();
  const step = async (tx: Repos) => {
    const now = deps.now();
    const closed = await tx.moderation.resolveReports(report.target, 'dismissed', now);
    const quarantined = await unhide(tx, report.communityMediaId, report.mediaId, now);
    await tx.moderation.log({
      actorUserId: adminId,
      action: 'dismiss',
      targetKind: report.communityMediaId === null ? 'media' : 'community',
      targetId: report.communityMediaId ?? report.mediaId ?? 0,
      reason: null,
      details: { reportId, reportsClosed: closed },
      createdAt: now,
    });
    return quarantined;
  };
  if (report.communityMediaId !== null) {
    await returnFromQuarantine(deps, await withCopyLocked(deps, report.communityMediaId, step, () => ERRORS.reportNotFound()));
  } else if (report.mediaId !== null) {
    await runLocked(deps, report.mediaId, async (tx) => ({ kind: 'done', value: await step(tx) }));
  } else {
    await deps.db.transaction(step);
  }
  return { ok: true as const };
};

/**
 * `POST /api/admin/community/:id/restore`: a hidden copy is visible again (its reports stay open for the
 * queue); a removed one cannot come back (its files are gone), so restoring it lifts its block and clears
 * the tombstone: its owner may publish the picture again.
 */
export const restoreCommunityItem = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now' | 'storage' | 'logger'>,
  { adminId, communityMediaId }: { adminId: number; communityMediaId: number },
) => {
  const quarantined = await withCopyLocked(
    deps,
    communityMediaId,
    async (tx) => {
      const copy = (await tx.community.findById(communityMediaId))!;
      const now = deps.now();
      if (copy.moderationStatus === 'visible') throw ERRORS.notRemoved();
      let moved: string | null = null;
      if (copy.moderationStatus === 'hidden') {
        moved = await unhide(tx, copy.id, copy.mediaId, now);
      } else {
        await tx.moderation.unblockHashes(copy.id);
        await tx.community.delete(copy.id);
        if (copy.mediaId !== null) await tx.media.setLinkHidden(copy.mediaId, null);
      }
      await tx.moderation.log({
        actorUserId: adminId,
        action: 'restore',
        targetKind: 'community',
        targetId: copy.id,
        reason: null,
        details: { from: copy.moderationStatus },
        createdAt: now,
      });
      return moved;
    },
    () => ERRORS.communityItemNotFound(),
  );
  await returnFromQuarantine(deps, quarantined);
  return { ok: true as const };
};

/** `POST /api/admin/users/:id/community-ban`: the account publishes no more; its links keep working. */
export const banFromCommunity = async (
  { db, now }: Pick<CoreDeps, 'db' | 'now'>,
  { adminId, userId }: { adminId: number; userId: number },
) => {
  await db.transaction(async (tx) => {
    const user = await tx.users.findById(userId);
    if (!user) throw ERRORS.userNotFound();
    const at = now();
    if (!user.communityBannedAt) await tx.users.setCommunityBan(userId, at);
    await tx.moderation.log({
      actorUserId: adminId,
      action: 'community_ban',
      targetKind: 'user',
      targetId: userId,
      reason: null,
      details: { alreadyBanned: Boolean(user.communityBannedAt) },
      createdAt: at,
    });
  });
  return { ok: true as const };
};
