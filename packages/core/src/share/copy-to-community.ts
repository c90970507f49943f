import type { CoreDeps } from '../deps';
import type { MediaRecord } from '../ports/records';
import { BUCKETS } from '../ports/storage';
import { isWatermarkedOnShare } from '../schemas/watermark-policy';

export interface CommunityCopy {
  size: number;
  width: number | null;
  height: number | null;
  watermarked: boolean;
}

/**
 * The slow part of a community share, done with no database connection held: what the watermark policy
 * marks is watermarked; everything else is copied byte for byte with the store's server-side copy.
 */
export const copyToCommunity = async (
  { storage, watermark }: Pick<CoreDeps, 'storage' | 'watermark'>,
  media: MediaRecord,
  targetPath: string,
): Promise<CommunityCopy> => {
  if (isWatermarkedOnShare(media)) {
    const original = await storage.get(BUCKETS.userMedia, media.filePath);
    const marked = await watermark.watermark(original.stream, media.mimeType);
    const stored = await storage.put(BUCKETS.general, targetPath, marked.stream, { contentType: media.mimeType });
    return { size: stored.size, width: marked.width, height: marked.height, watermarked: true };
  }
  const copied = await storage.copy(
    { bucket: BUCKETS.userMedia, key: media.filePath },
    { bucket: BUCKETS.general, key: targetPath },
  );
  return { size: copied.size, width: media.width, height: media.height, watermarked: false };
};
