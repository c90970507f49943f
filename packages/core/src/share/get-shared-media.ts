import type { CoreDeps } from '../deps';
import { mediaKindOf } from '../schemas/common';
import type { TSharedMedia } from '../schemas/share';
import { openLink, type OpenMode } from '../share-links/link-access';
import type { LinkVisit } from '../share-links/visitor';

export { findShared } from '../share-links/find-shared';

/**
 * What a share link shows to whoever opens it: public facts only, never the owner or the path. The
 * link's rules (expiry, password, view limit) come first; opening it counts a view (share-links).
 */
export const getSharedMedia = async (
  deps: Pick<CoreDeps, 'db' | 'now'>,
  shareCode: string,
  visit: LinkVisit | null,
  mode: Extract<OpenMode, 'page' | 'peek'> = 'page',
): Promise<TSharedMedia> => {
  const { media, link } = await openLink(deps, shareCode, visit, mode);
  const copy = media.shareToCommunity ? await deps.db.community.findByMediaId(media.id) : null;
  return {
    mature: copy?.mature ?? false,
    shareCode,
    mimeType: media.mimeType,
    kind: mediaKindOf(media.mimeType),
    size: media.size,
    width: media.width,
    height: media.height,
    fileUrl: `/api/shared/media/${shareCode}/file`,
    createdAt: media.createdAt.toISOString(),
    thumbnailUrl: media.thumbnailPath ? `/api/shared/media/${shareCode}/thumbnail` : null,
    previewUrl: media.placeholder ? `/api/shared/media/${shareCode}/preview` : null,
    placeholder: media.placeholder,
    durationMs: media.durationMs,
    allowDownload: link.allowDownload,
    title: copy?.title ?? null,
    caption: copy?.caption ?? null,
    altText: copy?.altText ?? null,
  };
};
