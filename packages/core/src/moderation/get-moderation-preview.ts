import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { quarantineKeyFor } from '../maintenance/object-home';
import type { CommunityMediaRecord } from '../ports/records';
import { BUCKETS, StorageNotFoundError, type ByteRange } from '../ports/storage';

/** The object a moderator looks at, and its type: the preview once made (a still, for a video), else the copy itself. */
export const moderationPreviewOf = (copy: CommunityMediaRecord) => {
  const key = copy.placeholder ? (copy.previewPath ?? copy.filePath) : copy.filePath;
  return { key, mimeType: key === copy.filePath ? copy.mimeType : 'image/webp' };
};

/** Where a moderator's preview of a hidden copy is served: the public URLs refuse it, on every driver. */
export const moderationPreviewPath = (communityMediaId: number) => `/api/admin/community/${communityMediaId}/preview`;

/**
 * `GET /api/admin/community/:id/preview`: the preview of a visible or hidden copy, wherever its bytes
 * are now: a hidden copy's wait in quarantine, or still in the public bucket while the move is pending.
 * A removed copy's are deleted.
 */
export const getModerationPreview = async (
  { db, storage }: Pick<CoreDeps, 'db' | 'storage'>,
  { communityMediaId }: { communityMediaId: number },
) => {
  const copy = await db.community.findById(communityMediaId);
  if (!copy || copy.moderationStatus === 'removed') throw ERRORS.communityItemNotFound();
  const { key, mimeType } = moderationPreviewOf(copy);
  const places = [
    ...(copy.moderationStatus === 'hidden' ? [{ bucket: BUCKETS.userMedia, key: quarantineKeyFor(key) }] : []),
    { bucket: BUCKETS.general, key },
  ];
  for (const place of places) {
    const info = await storage.stat(place.bucket, place.key);
    if (!info) continue;
    return {
      size: info.size,
      contentType: mimeType,
      open: async (range?: ByteRange) => {
        try {
          return await storage.get(place.bucket, place.key, range ? { range } : {});
        } catch (error) {
          // Moved between the look and the read (a dismiss or a hide); the next request finds it.
          if (error instanceof StorageNotFoundError) throw ERRORS.renditionNotFound();
          throw error;
        }
      },
    };
  }
  throw ERRORS.renditionNotFound();
};
