import { buffer } from 'node:stream/consumers';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { requireImageSize, requireMediaType } from '../media/inspect-media';
import { MAX_HEADER_BYTES, isImageType, measureImage } from '../media/sniff';
import type { MediaRecord } from '../ports/records';
import { BUCKETS } from '../ports/storage';
import { ownedVaultKey, sourceFromKey } from '../media/vault-key';
import { isDerivedKey } from '../renditions/rendition-keys';
import type { TMediaSource } from '../schemas/common';
import type { TShareByPathResult, TShareOptions } from '../schemas/share';
import { applyShare, type ShareRequest } from './apply-share';
import { shareFailure, withShareErrors } from './share-errors';
import { validateShare } from './validate-share';

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
  const media = await deps.db.media.createIfAbsent({
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
  await deps.db.renditionJobs.enqueue({ kind: 'media', id: media.id }, deps.now());
  deps.wakeRenditionWorker?.();
  return media;
};

/** `POST /api/user/media/share`: the same share, naming the item by its storage path. */
export const shareMediaByPath = async (
  deps: CoreDeps,
  { userId, filePath, options, reqId }: { userId: number; filePath: string; options: TShareOptions } & ShareRequest,
): Promise<TShareByPathResult> =>
  withShareErrors(deps, shareFailure(options.shareToCommunity), async () => {
    const key = ownedVaultKey(userId, filePath);
    // A rendition or stripped copy is part of its item, never an item of its own.
    if (!key || isDerivedKey(key)) throw ERRORS.mediaNotFound();
    const known = await deps.db.media.findByPath(key);
    if (known && known.userId !== userId) throw ERRORS.mediaNotFound();
    let media = known;
    if (!media) {
      // Checked before the row is created, so a bad request changes nothing; applyShare checks again.
      await validateShare({ tags: deps.db.tags, maxTags: deps.config.maxTagsPerMedia }, sourceFromKey(key), options);
      media = await registerStoredObject(deps, userId, key, sourceFromKey(key));
    }
    const result = await applyShare(deps, { userId, mediaId: media.id, options, reqId });
    return { ...result, mediaId: media.id };
  });
