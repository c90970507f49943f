import type { CoreDeps } from '../deps';
import { BUCKETS, type ByteRange } from '../ports/storage';
import { getOwnedMedia } from './get-media';
import { servedFileName } from './served-file-name';

/** The original, for its owner: the row says what it is, `open` streams all of it or a range. */
export const getMediaFile = async (deps: Pick<CoreDeps, 'db' | 'storage'>, { userId, id }: { userId: number; id: number }) => {
  const media = await getOwnedMedia(deps, userId, id);
  return {
    fileName: servedFileName(media.fileName, media.mimeType),
    mimeType: media.mimeType,
    size: media.size,
    open: (range?: ByteRange) => deps.storage.get(BUCKETS.userMedia, media.filePath, range ? { range } : {}),
  };
};
