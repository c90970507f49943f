import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { Repos } from '../ports/database';
import { runLocked } from '../share/run-locked';
import { withCopyLocked } from './lock-target';

/** Shows a hidden copy (and its original's link) again; removed and visible ones are left as they are. */
const unhide = async (tx: Repos, communityMediaId: number | null, mediaId: number | null) => {
  const copy = communityMediaId === null ? null : await tx.community.findById(communityMediaId);
  if (copy?.moderationStatus === 'hidden') await tx.community.setModerationStatus(copy.id, 'visible');
  if (mediaId !== null && copy?.moderationStatus !== 'removed') await tx.media.setLinkHidden(mediaId, null);
};

/** `POST /api/admin/reports/:id/dismiss`: closes every open report of that item and restores what they hid. */
export const dismissReport = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now'>,
  { adminId, reportId }: { adminId: number; reportId: number },
) => {
  const report = await deps.db.moderation.findReport(reportId);
  if (!report) throw ERRORS.reportNotFound();
  const step = async (tx: Repos) => {
    const now = deps.now();
    const closed = await tx.moderation.resolveReports(report.target, 'dismissed', now);
    await unhide(tx, report.communityMediaId, report.mediaId);
    await tx.moderation.log({
      actorUserId: adminId,
      action: 'dismiss',
      targetKind: report.communityMediaId === null ? 'media' : 'community',
      targetId: report.communityMediaId ?? report.mediaId ?? 0,
      reason: null,
      details: { reportId, reportsClosed: closed },
      createdAt: now,
    });
  };
  if (report.communityMediaId !== null) {
    await withCopyLocked(deps, report.communityMediaId, step, () => ERRORS.reportNotFound());
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
  deps: Pick<CoreDeps, 'db' | 'config' | 'now'>,
  { adminId, communityMediaId }: { adminId: number; communityMediaId: number },
) => {
  await withCopyLocked(
    deps,
    communityMediaId,
    async (tx) => {
      const copy = (await tx.community.findById(communityMediaId))!;
      const now = deps.now();
      if (copy.moderationStatus === 'visible') throw ERRORS.notRemoved();
      if (copy.moderationStatus === 'hidden') {
        await unhide(tx, copy.id, copy.mediaId);
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
    },
    () => ERRORS.communityItemNotFound(),
  );
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
