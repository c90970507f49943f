import type { CommunityModeration, MediaRecord } from '../ports/records';
import type { TMediaItem } from '../schemas/media';
import { shareUrlFor } from '../schemas/pages';

/** `moderation`: the state of the item's community copy, when it has one (the owner sees a takedown's reason). */
export const toMediaItem = (media: MediaRecord, moderation: CommunityModeration | null = null): TMediaItem => ({
  id: media.id,
  fileName: media.fileName,
  filePath: media.filePath,
  mimeType: media.mimeType,
  size: media.size,
  width: media.width,
  height: media.height,
  source: media.source,
  isShared: media.isShared,
  shareToCommunity: media.shareToCommunity,
  shareCode: media.shareCode,
  shareUrl: media.shareCode ? shareUrlFor(media.shareCode) : null,
  createdAt: media.createdAt.toISOString(),
  ...vaultRenditionUrls(media),
  placeholder: media.placeholder,
  durationMs: media.durationMs,
  communityStatus: moderation?.status ?? null,
  communityRemovedReason: moderation?.removedReason ?? null,
});

/** The owner's rendition routes, once the renditions exist. */
const vaultRenditionUrls = ({ id, placeholder, thumbnailPath }: MediaRecord) => ({
  thumbnailUrl: thumbnailPath ? `/api/user/media/${id}/thumbnail` : null,
  previewUrl: placeholder ? `/api/user/media/${id}/preview` : null,
});
