import { randomUUID } from 'node:crypto';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { discardObject } from '../lib/discard-object';
import { deleteItemNow } from '../renditions/item-keys';
import { extensionFor } from '../media/sniff';
import type { Repos, ShareClaim } from '../ports/database';
import type { CommunityMediaRecord, MediaRecord } from '../ports/records';
import { BUCKETS } from '../ports/storage';
import type { TMediaMimeType } from '../schemas/common';
import { shareUrlFor } from '../schemas/pages';
import type { TShareOptions, TShareResult } from '../schemas/share';
import { SHARE_ACTIVITY } from './activity';
import { communityFileName } from './community-file-name';
import { copyToCommunity, type CommunityCopy } from './copy-to-community';
import { runLocked } from './run-locked';
import { removeCommunityCopy } from './remove-community-copy';
import { newShareCode } from './share-code';
import { validateShare, type ValidShare } from './validate-share';
import { checkPublication, findBlockingMatch, hashForCommunity, receiptFor } from '../moderation/publication';

type Step =
  | { kind: 'done'; result: TShareResult; discard?: string | undefined }
  | { kind: 'copy'; media: MediaRecord; claim: ShareClaim; share: ValidShare };

/** The request behind a share, for its consent receipt. */
export interface ShareRequest {
  reqId?: string | undefined;
}

/**
 * Applies a share to one media item, as the API documentation's "Community Sharing Process" describes,
 * safely under concurrency: every state change runs in a short transaction holding the item's advisory
 * lock, and the slow copy runs between two of them under a claim, holding nothing. The request is
 * checked against the item in the first of them, from the one read of its state.
 */
export const applyShare = async (
  deps: CoreDeps,
  { userId, mediaId, options, reqId = 'none' }: { userId: number; mediaId: number; options: TShareOptions } & ShareRequest,
) => {
  const { storage } = deps;
  const receipt = (tx: Repos, communityMediaId: number) =>
    tx.moderation.addReceipt(receiptFor(deps, { userId, mediaId, communityMediaId, reqId }));
  const communityResult = (shareCode: string, copy: CommunityMediaRecord): TShareResult => ({
    shareCode,
    shareUrl: shareUrlFor(shareCode),
    communityUrl: storage.publicUrl(BUCKETS.general, copy.filePath),
    communityMediaId: copy.id,
  });
  const record = (tx: Repos, share: ValidShare, shareCode: string, communityMediaId?: number) =>
    tx.activity.record({
      userId,
      action: SHARE_ACTIVITY.shared,
      feature: SHARE_ACTIVITY.feature,
      details: {
        mediaId,
        shareCode,
        shareToCommunity: share.shareToCommunity,
        ...(communityMediaId ? { communityMediaId, tags: share.tagSlugs } : {}),
      },
    });

  /** Everything that needs no copy: a link-only share, or a community share of an item already there. */
  const settle = async (tx: Repos, now: Date) => {
    const state = await tx.media.findOwnedShareState(userId, mediaId);
    if (!state) throw ERRORS.mediaNotFound();
    const { media, claim, community: existing } = state;
    const share = await validateShare({ tags: tx.tags, maxTags: deps.config.maxTagsPerMedia }, media.source, options);
    if (claim && claim.expiresAt > now) return { kind: 'wait' } as const;
    const shareCode = media.shareCode ?? newShareCode();

    if (!share.shareToCommunity) {
      // Independent writes, issued together: the driver sends them in one round trip.
      await Promise.all([
        tx.media.setShareState(mediaId, { isShared: true, shareToCommunity: false, shareCode }),
        record(tx, share, shareCode),
      ]);
      const discard = existing ? await removeCommunityCopy(tx, existing, now, { userId, shareCode }) : undefined;
      return { kind: 'done', result: { shareCode, shareUrl: shareUrlFor(shareCode) }, discard } satisfies Step;
    }

    await checkPublication(deps, tx, { userId, options, existing });
    if (existing) {
      // Re-sharing replaces the tag set in the same transaction; it never makes a second copy.
      await tx.community.setTags(existing.id, share.tagIds, existing.createdAt);
      if (options.mature !== undefined && options.mature !== existing.mature)
        await tx.community.setMature(existing.id, options.mature);
      await tx.community.setTexts(existing.id, share.texts);
      await receipt(tx, existing.id);
      await tx.media.setShareState(mediaId, { isShared: true, shareToCommunity: true, shareCode });
      await record(tx, share, shareCode, existing.id);
      return { kind: 'done', result: communityResult(shareCode, existing) } satisfies Step;
    }

    const next: ShareClaim = {
      mediaId,
      claimId: randomUUID(),
      filePath: communityFileName(media.fileName, extensionFor(media.mimeType as TMediaMimeType)),
      expiresAt: new Date(now.getTime() + deps.config.share.claimTtlMs),
    };
    // The intent lands with the claim: if this process dies mid-copy, the sweep removes the object.
    await tx.storageIntents.add(BUCKETS.general, next.filePath);
    if (!(await tx.shareClaims.acquire(next, now))) return { kind: 'wait' } as const;
    return { kind: 'copy', media, claim: next, share } satisfies Step;
  };

  /** Records the finished copy, unless the claim was lost meanwhile (then the copy is thrown away). */
  const finish =
    (claim: ShareClaim, share: ValidShare, copy: CommunityCopy, perceptualHash: string | null) => async (tx: Repos) => {
      if (!(await tx.shareClaims.release(mediaId, claim.claimId))) return { kind: 'lost' } as const;
      const media = await tx.media.findOwned(userId, mediaId);
      if (!media) return { kind: 'lost' } as const;
      const created = await tx.community.create({
        mediaId,
        userId,
        filePath: claim.filePath,
        mimeType: media.mimeType,
        size: copy.size,
        width: copy.width,
        height: copy.height,
        source: media.source,
        watermarked: copy.watermarked,
        durationMs: media.durationMs,
        mature: options.mature ?? false,
        perceptualHash,
        ...share.texts,
      });
      if (!created) return { kind: 'lost' } as const;
      await receipt(tx, created.id);
      // The copy's own renditions (a marked copy's are marked) are made from the copy, off this request.
      await tx.renditionJobs.enqueue({ kind: 'community', id: created.id }, deps.now());
      await tx.community.setTags(created.id, share.tagIds, created.createdAt);
      const shareCode = media.shareCode ?? newShareCode();
      await tx.media.setShareState(mediaId, { isShared: true, shareToCommunity: true, shareCode });
      await tx.storageIntents.remove(BUCKETS.general, claim.filePath);
      await record(tx, share, shareCode, created.id);
      return { kind: 'finished', result: communityResult(shareCode, created) } as const;
    };

  for (;;) {
    const step: Step = await runLocked(deps, mediaId, (tx) => settle(tx, deps.now()));
    if (step.kind === 'done') {
      if (step.discard) await deleteItemNow(deps, BUCKETS.general, step.discard);
      return step.result;
    }
    const { media, claim, share } = step;
    const { copy, perceptualHash } = await copyUnderClaim(deps, media, claim);
    let outcome;
    try {
      outcome = await runLocked(deps, mediaId, finish(claim, share, copy, perceptualHash));
    } catch (error) {
      // The row did not land: the uploaded copy must not outlive it.
      await releaseQuietly(deps, claim);
      await discardObject(deps, BUCKETS.general, claim.filePath);
      throw error;
    }
    if (outcome.kind === 'finished') {
      deps.wakeRenditionWorker?.();
      return outcome.result;
    }
    await discardObject(deps, BUCKETS.general, claim.filePath);
  }
};

const releaseQuietly = async (deps: CoreDeps, claim: ShareClaim) => {
  await deps.db.shareClaims.release(claim.mediaId, claim.claimId).catch(() => {});
};

/** The copy itself, keeping the claim alive while it runs; on failure nothing of it stays behind. */
const copyUnderClaim = async (deps: CoreDeps, media: MediaRecord, claim: ShareClaim) => {
  const ttl = deps.config.share.claimTtlMs;
  const heartbeat = setInterval(
    () => {
      void deps.db.shareClaims.extend(claim.mediaId, claim.claimId, new Date(deps.now().getTime() + ttl)).catch(() => {});
    },
    Math.max(50, ttl / 3),
  );
  try {
    // Before anything is public: a picture taken down before does not come back, however re-encoded.
    const perceptualHash = await hashForCommunity(deps, media);
    const match = perceptualHash ? await findBlockingMatch(deps, perceptualHash) : null;
    if (match) {
      await deps.db.moderation.log({
        actorUserId: media.userId,
        action: 'share_blocked',
        targetKind: 'media',
        targetId: media.id,
        reason: null,
        details: { perceptualHash, ...match },
        createdAt: deps.now(),
      });
      throw ERRORS.mediaBlocked();
    }
    return { copy: await copyToCommunity(deps, media, claim.filePath), perceptualHash };
  } catch (error) {
    await releaseQuietly(deps, claim);
    await discardObject(deps, BUCKETS.general, claim.filePath);
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
};
