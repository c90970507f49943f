import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { discardObject } from '../lib/discard-object';
import { servedFileName } from '../media/served-file-name';
import type { MediaRecord } from '../ports/records';
import { BUCKETS, type ByteRange } from '../ports/storage';
import { strippedKeyFor } from '../renditions/rendition-keys';
import { isWatermarkable } from '../schemas/watermark-policy';
import { openLink } from '../share-links/link-access';
import type { LinkVisit } from '../share-links/visitor';

type LinkFileDeps = Pick<CoreDeps, 'db' | 'storage' | 'imaging' | 'logger' | 'now'>;

/**
 * Makes the link file of a JPEG, PNG or WebP once: the original without EXIF, XMP, GPS or comments,
 * orientation applied, stored beside it. Two first downloads at once both make it and write the same
 * key whole; the row keeps whichever path was recorded first (they are the same).
 */
const makeStrippedCopy = async (
  deps: LinkFileDeps,
  media: MediaRecord & { mimeType: 'image/jpeg' | 'image/png' | 'image/webp' },
) => {
  const { db, storage, imaging, logger } = deps;
  const key = strippedKeyFor(media.filePath);
  let stripped;
  try {
    stripped = await imaging.stripMetadata((await storage.get(BUCKETS.userMedia, media.filePath)).stream, media.mimeType);
  } catch (error) {
    // Never the original instead: it may carry the owner's position.
    logger.warn({ err: error, mediaId: media.id }, 'could not make the link file without metadata');
    throw ERRORS.linkFileUnavailable({ cause: error });
  }
  await db.storageIntents.add(BUCKETS.userMedia, key);
  let size: number;
  try {
    ({ size } = await storage.put(BUCKETS.userMedia, key, stripped.stream, { contentType: media.mimeType }));
  } catch (error) {
    await discardObject(deps, BUCKETS.userMedia, key);
    throw error;
  } finally {
    stripped.stream.destroy();
  }
  const recorded = await db.media.setStrippedPath(media.id, key, size);
  // The item was deleted meanwhile: the copy is nobody's.
  if (recorded === null) {
    await discardObject(deps, BUCKETS.userMedia, key);
    throw ERRORS.sharedMediaNotFound();
  }
  await db.storageIntents.remove(BUCKETS.userMedia, key);
  return recorded;
};

/**
 * `GET /api/shared/media/:code/file`, the page's Download: safe by default. A JPEG, PNG or WebP is
 * served without its metadata (made on the first download and kept) unless the owner chose to show it;
 * GIFs and videos as uploaded. The link's rules apply first; with downloads off, only inline viewing.
 */
export const getSharedMediaFile = async (
  deps: LinkFileDeps,
  shareCode: string,
  { visit, download }: { visit: LinkVisit | null; download: boolean },
) => {
  const { media, link } = await openLink(deps, shareCode, visit, 'bytes');
  if (download && !link.allowDownload) throw ERRORS.linkDownloadsOff();
  const { storage } = deps;
  let key = media.filePath;
  let size = media.size;
  if (isWatermarkable(media.mimeType) && !link.showMetadata) {
    key = media.strippedPath ?? (await makeStrippedCopy(deps, { ...media, mimeType: media.mimeType }));
    const info = await storage.stat(BUCKETS.userMedia, key);
    if (!info) throw ERRORS.linkFileUnavailable();
    size = info.size;
  }
  return {
    mimeType: media.mimeType,
    size,
    fileName: servedFileName(media.fileName, media.mimeType),
    attachment: download,
    open: (range?: ByteRange) => storage.get(BUCKETS.userMedia, key, range ? { range } : {}),
  };
};
