import { buffer } from 'node:stream/consumers';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { requireImageSize, requireMediaType } from '../media/inspect-media';
import { MAX_HEADER_BYTES, isImageType, measureImage } from '../media/sniff';
import type { MediaRecord } from '../ports/records';
import { BUCKETS } from '../ports/storage';
import { GENERATED_SOURCES, type TMediaSource } from '../schemas/common';
import type { TShareByPathResult, TShareOptions } from '../schemas/share';
import { applyShare } from './apply-share';
import { shareFailure, withShareErrors } from './share-errors';
import { validateShare } from './validate-share';

/**
 * The key a client's path names, if it is a plain key inside the caller's own folder of `user-media`.
 * Traversal of any spelling, absolute paths and other users' folders name nothing (null).
 */
export const ownedVaultKey = (userId: number, filePath: string): string | null => {
  const key = filePath.startsWith(`${BUCKETS.userMedia}/`) ? filePath.slice(BUCKETS.userMedia.length + 1) : filePath;
  // No decoding happens anywhere, so '%' and '\' can only be attempts to smuggle a separator.
  // eslint-disable-next-line no-control-regex
  if (/[%\\\u0000-\u001f\u007f]/.test(key)) return null;
  const segments = key.split('/');
  if (segments.length < 2 || segments[0] !== String(userId)) return null;
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  return key;
};

/** `<userId>/generated/<source>/...` is generated media of that source; anything else is an upload. */
export const sourceFromKey = (key: string): TMediaSource => {
  const [, folder, source] = key.split('/');
  return folder === 'generated' && (GENERATED_SOURCES as readonly string[]).includes(source ?? '')
    ? (source as TMediaSource)
    : 'upload';
};

/** A row for an object that is in storage but not yet in the database, measured like an upload. */
const registerStoredObject = async (deps: CoreDeps, userId: number, key: string, source: TMediaSource): Promise<MediaRecord> => {
  const info = await deps.storage.stat(BUCKETS.userMedia, key);
  if (!info) throw ERRORS.mediaNotFound();
  const headLength = Math.min(info.size, MAX_HEADER_BYTES);
  const head =
    headLength === 0
      ? Buffer.alloc(0)
      : await buffer((await deps.storage.get(BUCKETS.userMedia, key, { range: { start: 0, end: headLength - 1 } })).stream);
  const mimeType = await requireMediaType(head);
  const size = isImageType(mimeType) ? requireImageSize(measureImage(head), deps.config.maxImagePixels) : null;
  // Concurrent calls for the same path meet at the unique index: one row, whoever inserts first.
  return deps.db.media.createIfAbsent({
    userId,
    filePath: key,
    fileName: key.split('/').at(-1) ?? key,
    mimeType,
    size: info.size,
    width: size?.width ?? null,
    height: size?.height ?? null,
    durationMs: null,
    source,
  });
};

/** `POST /api/user/media/share`: the same share, naming the item by its storage path. */
export const shareMediaByPath = async (
  deps: CoreDeps,
  { userId, filePath, options }: { userId: number; filePath: string; options: TShareOptions },
): Promise<TShareByPathResult> =>
  withShareErrors(deps, shareFailure(options.shareToCommunity), async () => {
    const key = ownedVaultKey(userId, filePath);
    if (!key) throw ERRORS.mediaNotFound();
    const known = await deps.db.media.findByPath(key);
    if (known && known.userId !== userId) throw ERRORS.mediaNotFound();
    // Validate before any row is created: a bad request changes nothing.
    const share = await validateShare(deps, known?.source ?? sourceFromKey(key), options);
    const media = known ?? (await registerStoredObject(deps, userId, key, sourceFromKey(key)));
    const result = await applyShare(deps, { userId, mediaId: media.id, share });
    return { ...result, mediaId: media.id };
  });
