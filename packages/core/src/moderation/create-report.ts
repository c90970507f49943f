import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { Repos } from '../ports/database';
import { BUCKETS } from '../ports/storage';
import { deleteItemNow, queueItemDeletion } from '../renditions/item-keys';
import type { CommunityMediaRecord, TReportReason } from '../ports/records';
import type { TReportInput } from '../schemas/moderation';
import { findShared } from '../share/get-shared-media';
import { runLocked } from '../share/run-locked';
import { withCopyLocked } from './lock-target';

/** Reasons that hide an item at once, pending review: waiting for more reporters could be the harm. */
const SEVERE: readonly TReportReason[] = ['non_consensual', 'underage'];

export type ReportTarget = { kind: 'community'; id: number } | { kind: 'link'; shareCode: string };

export interface Reporter {
  userId: number | null;
  /** The budget's address key, for reporters with no account: one address, one report per item. */
  address: string;
}

/**
 * `POST /api/community/:id/reports` and `POST /api/shared/media/:code/reports`: anyone may report. A
 * link with a community copy reports the copy (the same picture, the same queue entry). One reporter
 * reporting one item again changes nothing. Severe reasons hide the item at once; others once
 * `hideAfterReporters` distinct reporters have an open report on it.
 */
export const createReport = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now' | 'logger' | 'storage'>,
  { target, reporter, input }: { target: ReportTarget; reporter: Reporter; input: TReportInput },
): Promise<{ id: number; isNew: boolean }> => {
  const { db } = deps;
  let copy: CommunityMediaRecord | null;
  let mediaId: number | null;
  if (target.kind === 'community') {
    copy = await db.community.findById(target.id);
    if (!copy) throw ERRORS.communityItemNotFound();
    mediaId = copy.mediaId;
  } else {
    const media = await findShared(deps, target.shareCode);
    copy = await db.community.findByMediaId(media.id);
    mediaId = media.id;
  }
  if (copy?.moderationStatus === 'removed') throw ERRORS.communityItemRemoved();

  const key = copy ? `community:${copy.id}` : `media:${mediaId}`;
  const file = async (tx: Repos) => {
    const now = deps.now();
    const { report, isNew } = await tx.moderation.addReport({
      target: key,
      communityMediaId: copy?.id ?? null,
      mediaId,
      reporterUserId: reporter.userId,
      reporterKey: reporter.userId === null ? `address:${reporter.address}` : `account:${reporter.userId}`,
      reason: input.reason,
      details: input.details?.trim() || null,
      createdAt: now,
    });
    if (!isNew) return { id: report.id, isNew };
    const reporters = SEVERE.includes(input.reason) ? Infinity : await tx.moderation.countOpenReports(key);
    const quarantine =
      reporters >= deps.config.moderation.hideAfterReporters
        ? await hide(tx, { copy, mediaId, now, reason: input.reason })
        : null;
    return { id: report.id, isNew, quarantine };
  };

  if (copy) {
    const { id, isNew, quarantine } = await withCopyLocked(deps, copy.id, file, () => ERRORS.communityItemNotFound());
    // After the commit: the public objects move to quarantine at once where storage answers; the delete
    // worker finishes what it does not.
    if (quarantine) await deleteItemNow(deps, BUCKETS.general, quarantine);
    return { id, isNew };
  }
  return runLocked(deps, mediaId!, async (tx) => ({ kind: 'done', ...(await file(tx)) })).then(({ id, isNew }) => ({
    id,
    isNew,
  }));
};

/**
 * Out of the feed and off its public URLs, pending review; a no-op when hidden or removed already.
 * Returns the public key of a copy whose objects must now leave the public bucket for quarantine
 * (Supabase serves that bucket without asking the API, so refusing there is not enough).
 */
const hide = async (
  tx: Repos,
  { copy, mediaId, now, reason }: { copy: CommunityMediaRecord | null; mediaId: number | null; now: Date; reason: TReportReason },
): Promise<string | null> => {
  const current = copy ? await tx.community.findById(copy.id) : null;
  if (copy && current?.moderationStatus !== 'visible') return null;
  if (current) {
    await tx.community.setModerationStatus(current.id, 'hidden');
    await queueItemDeletion(tx, BUCKETS.general, current.filePath, now);
  }
  if (mediaId !== null) await tx.media.setLinkHidden(mediaId, now);
  await tx.moderation.log({
    actorUserId: null,
    action: 'auto_hide',
    targetKind: copy ? 'community' : 'media',
    targetId: copy?.id ?? mediaId!,
    reason,
    details: {},
    createdAt: now,
  });
  return current?.filePath ?? null;
};
