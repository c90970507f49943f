import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { Repos } from '../ports/database';
import { hammingDistance, hasImageRenditions, isVideo, PERCEPTUAL_HASH_THRESHOLD } from '../ports/imaging';
import type { CommunityMediaRecord, MediaRecord, NewConsentReceipt } from '../ports/records';
import { BUCKETS } from '../ports/storage';
import { policyStatement } from '../schemas/moderation';
import type { TShareOptions } from '../schemas/share';

/**
 * What a publication (a community share creating or re-tagging a copy) must pass, under the item's lock:
 * the policy the owner saw is the one in force, the owner is not banned, and the copy was not taken down.
 */
export const checkPublication = async (
  { config }: Pick<CoreDeps, 'config'>,
  tx: Pick<Repos, 'users'>,
  { userId, options, existing }: { userId: number; options: TShareOptions; existing: CommunityMediaRecord | null },
) => {
  // Omitted, the seed's contract holds: the version in force is the one recorded.
  if (options.policyVersion !== undefined && options.policyVersion !== config.policy.version) throw ERRORS.policyOutdated();
  if (existing?.moderationStatus === 'removed') throw ERRORS.mediaBlocked();
  const owner = await tx.users.findById(userId);
  if (owner?.communityBannedAt) throw ERRORS.communityBanned();
};

/** The receipt of one publication: the policy in force, the words shown, who, when, and which request. */
export const receiptFor = (
  { config, now }: Pick<CoreDeps, 'config' | 'now'>,
  { userId, mediaId, communityMediaId, reqId }: { userId: number; mediaId: number; communityMediaId: number; reqId: string },
): NewConsentReceipt => ({
  communityMediaId,
  mediaId,
  userId,
  policyVersion: config.policy.version,
  policySha256: config.policy.sha256,
  statement: policyStatement(config.policy.version),
  reqId,
  createdAt: now(),
});

/**
 * The item's pHash: of its preview when it has one (a video's is its poster), else of the file itself
 * (a GIF's first frame). Null where none can be made; a hashing failure never blocks a share by itself.
 */
export const hashForCommunity = async (
  { storage, imaging, logger }: Pick<CoreDeps, 'storage' | 'imaging' | 'logger'>,
  media: MediaRecord,
): Promise<string | null> => {
  try {
    if (media.previewPath) {
      const preview = await storage.get(BUCKETS.userMedia, media.previewPath);
      return await imaging.perceptualHash(preview.stream, 'image/webp');
    }
    if (!hasImageRenditions(media.mimeType) && !isVideo(media.mimeType)) return null;
    const original = await storage.get(BUCKETS.userMedia, media.filePath);
    return await imaging.perceptualHash(original.stream, media.mimeType);
  } catch (error) {
    logger.warn({ err: error, mediaId: media.id }, 'no perceptual hash for a community share');
    return null;
  }
};

/** The taken-down picture this hash is within the threshold of, if any. */
export const findBlockingMatch = async ({ db }: Pick<CoreDeps, 'db'>, perceptualHash: string) => {
  let best: { communityMediaId: number | null; distance: number } | null = null;
  for (const blocked of await db.moderation.findBlockedHashes()) {
    const distance = hammingDistance(perceptualHash, blocked.perceptualHash);
    if (distance <= PERCEPTUAL_HASH_THRESHOLD && (!best || distance < best.distance)) {
      best = { communityMediaId: blocked.communityMediaId, distance };
    }
  }
  return best;
};
