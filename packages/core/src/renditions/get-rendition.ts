import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { getOwnedMedia } from '../media/get-media';
import type { TRenditionKind } from '../ports/imaging';
import type { MediaRecord } from '../ports/records';
import { BUCKETS, type ByteRange } from '../ports/storage';
import { openLink } from '../share-links/link-access';
import type { LinkVisit } from '../share-links/visitor';

/**
 * One rendition of a vault item, ready to send: its size (for Range and Content-Length), an ETag that
 * changes whenever the renditions are made again, and `open`. A preview that was not made because the
 * item is its own best preview (an animation no smaller as WebP) is the original itself.
 */
const renditionOf = async ({ storage }: Pick<CoreDeps, 'storage'>, media: MediaRecord, kind: TRenditionKind) => {
  if (!media.placeholder && !media.thumbnailPath) throw ERRORS.renditionNotFound();
  const key = kind === 'thumbnail' ? media.thumbnailPath : (media.previewPath ?? media.filePath);
  if (!key) throw ERRORS.renditionNotFound();
  const info = await storage.stat(BUCKETS.userMedia, key);
  if (!info) throw ERRORS.renditionNotFound();
  return {
    size: info.size,
    mimeType: key === media.filePath ? media.mimeType : 'image/webp',
    etag: `"${media.id.toString(36)}-${kind}-${media.updatedAt.getTime().toString(36)}-${info.size.toString(36)}"`,
    open: (range?: ByteRange) => storage.get(BUCKETS.userMedia, key, range ? { range } : {}),
  };
};

/** `GET /api/user/media/:id/thumbnail` and `/preview`: the owner's, like the original. */
export const getMediaRendition = async (
  deps: Pick<CoreDeps, 'db' | 'storage'>,
  { userId, id, kind }: { userId: number; id: number; kind: TRenditionKind },
) => renditionOf(deps, await getOwnedMedia(deps, userId, id), kind);

/** `GET /api/shared/media/:code/thumbnail` and `/preview`: whoever may open the link sees them. */
export const getSharedRendition = async (
  deps: Pick<CoreDeps, 'db' | 'storage' | 'now'>,
  { shareCode, kind, visit }: { shareCode: string; kind: TRenditionKind; visit: LinkVisit | null },
) => renditionOf(deps, (await openLink(deps, shareCode, visit, 'bytes')).media, kind);
