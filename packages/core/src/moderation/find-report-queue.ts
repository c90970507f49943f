import type { CoreDeps } from '../deps';
import type { CommunityMediaRecord } from '../ports/records';
import { BUCKETS, type StoragePort } from '../ports/storage';
import type { TReportGroup, TReportQueue } from '../schemas/moderation';
import { moderationPreviewOf, moderationPreviewPath } from './get-moderation-preview';

const QUEUE_LENGTH = 100;

/**
 * A hidden copy's objects wait in the private bucket and its public URLs refuse it on every driver: the
 * moderator sees it through the admin-only preview route. A visible one, at its public URL.
 */
const previewUrlOf = (storage: StoragePort, copy: CommunityMediaRecord) =>
  copy.moderationStatus === 'hidden'
    ? moderationPreviewPath(copy.id)
    : storage.publicUrl(BUCKETS.general, moderationPreviewOf(copy).key);

/** `GET /api/admin/reports`: open reports grouped by item, with what a moderator needs to decide. */
export const findReportQueue = async ({ db, storage }: Pick<CoreDeps, 'db' | 'storage'>): Promise<TReportQueue> => {
  const groups = await db.moderation.findReportQueue(QUEUE_LENGTH);
  const items = groups.map(({ copy, media, owner, receipt, ...group }): TReportGroup => ({
    reportId: group.latestReportId,
    target: group.communityMediaId === null ? 'link' : 'community',
    communityMediaId: group.communityMediaId,
    mediaId: copy?.mediaId ?? group.mediaId,
    status: copy?.moderationStatus ?? (media?.linkHiddenAt ? 'hidden' : 'visible'),
    reporters: group.reporters,
    reasons: group.reasons,
    details: group.details,
    firstReportedAt: group.firstReportedAt.toISOString(),
    owner,
    mimeType: copy?.mimeType ?? media?.mimeType ?? null,
    // A link's original is private: the moderator reaches it through the link itself, not from here.
    previewUrl: copy && copy.moderationStatus !== 'removed' ? previewUrlOf(storage, copy) : null,
    previewMimeType: copy && copy.moderationStatus !== 'removed' ? moderationPreviewOf(copy).mimeType : null,
    mature: copy?.mature ?? false,
    receipt: receipt
      ? {
          policyVersion: receipt.policyVersion,
          policySha256: receipt.policySha256,
          statement: receipt.statement,
          userId: receipt.userId,
          createdAt: receipt.createdAt.toISOString(),
          reqId: receipt.reqId,
        }
      : null,
  }));
  return { items };
};
