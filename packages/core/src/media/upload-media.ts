import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { BUCKETS } from '../ports/storage';
import type { TGeneratedSource, TMediaMimeType } from '../schemas/common';
import { discardObject } from '../lib/discard-object';
import { limitBytes, peekStream } from '../lib/streams';
import { openReservation, quotaFor, type Reservation } from '../instance/storage-quota';
import { cleanFileName } from './clean-file-name';
import { vaultKeyFor } from './vault-key';
import { inspectImageStream, requireImageSize, requireMediaType } from './inspect-media';
import { extensionFor, isImageType, MAX_HEADER_BYTES, measureImage, SNIFF_BYTES } from './sniff';
import { toMediaItem } from './to-media-item';

export interface UploadMediaOptions {
  userId: number;
  fileName: string | undefined;
  body: Readable;
  source: 'upload' | TGeneratedSource;
  /** The request's Content-Length, where it was given: an upper bound of the file's size, for the quota. */
  declaredBytes?: number | undefined;
}

/** Reads an image's dimensions from as little of its front as possible. */
const measureFromHeader = async (peeked: Awaited<ReturnType<typeof peekStream>>) => {
  let head = peeked.head;
  for (let want = SNIFF_BYTES * 4; ; want *= 4) {
    const size = measureImage(head);
    if (size || peeked.isComplete || head.length >= MAX_HEADER_BYTES) return size;
    head = await peeked.more(Math.min(want, MAX_HEADER_BYTES));
  }
};

/**
 * Streams one file into the vault. The type comes from the bytes, images are measured from their header
 * and refused over the pixel limit before anything is stored, and the object is written whole or not at
 * all. The object is recorded as an intent first so a crash between storage and the row is swept up.
 */
export const uploadMedia = async (deps: CoreDeps, { userId, fileName, body, source, declaredBytes }: UploadMediaOptions) => {
  const { db, storage, config } = deps;
  // Uploads count against the owner's quota before anything is stored. Generated media, which internal
  // apps write for the user, counts toward the usage but is never refused for it.
  const quota = source === 'upload' ? await quotaFor(deps, userId) : null;
  const reservation: Reservation | null = quota === null ? null : openReservation(deps, { userId, quota });
  try {
    if (reservation && declaredBytes !== undefined) await reservation.holdDeclared(declaredBytes);
  } catch (error) {
    body.destroy();
    await reservation?.release();
    throw error;
  }
  const peeked = await peekStream(body, SNIFF_BYTES);
  let mimeType: TMediaMimeType;
  let dimensions: { width: number; height: number } | null = null;
  try {
    mimeType = await requireMediaType(peeked.head);
    if (isImageType(mimeType)) dimensions = requireImageSize(await measureFromHeader(peeked), config.maxImagePixels);
  } catch (error) {
    body.destroy();
    await reservation?.release();
    throw error;
  }

  const ext = extensionFor(mimeType);
  const key = vaultKeyFor(userId, ext, source);
  await db.storageIntents.add(BUCKETS.userMedia, key);

  let stored;
  try {
    // pipeline() destroys every stage on failure, so a client that goes away or a file over the limit
    // fails the driver's write too, and the driver removes what it had written so far.
    const sized = pipeline(
      peeked.stream(),
      limitBytes(config.maxUploadBytes, () => ERRORS.fileTooLarge({ limit: config.maxUploadBytes })),
      () => {},
    );
    // The quota's meter holds the bytes against the account before they reach storage, and fails the
    // write at the quota: the driver then removes what it had written, as for any other failure.
    const checked = reservation ? pipeline(sized, reservation.meter(), () => {}) : sized;
    // Images are also inspected as they stream: every frame of an animation counts against the pixel
    // limit, and the bytes against what the pixels justify (a 422 for either, before anything lands).
    const limited = dimensions
      ? pipeline(
          checked,
          inspectImageStream({ mimeType, size: dimensions, maxPixels: config.maxImagePixels }).transform,
          () => {},
        )
      : checked;
    stored = await storage.put(BUCKETS.userMedia, key, limited, { contentType: mimeType });
  } catch (error) {
    await discardObject(deps, BUCKETS.userMedia, key);
    await reservation?.release();
    throw error;
  }

  try {
    // The row and its rendition job land together: an item is never left without either on its way.
    const media = await db.transaction(async (tx) => {
      const created = await tx.media.create({
        userId,
        filePath: key,
        fileName: cleanFileName(fileName, ext),
        mimeType,
        size: stored.size,
        width: dimensions?.width ?? null,
        height: dimensions?.height ?? null,
        durationMs: null,
        source,
      });
      await tx.renditionJobs.enqueue({ kind: 'media', id: created.id }, deps.now());
      await tx.storageIntents.remove(BUCKETS.userMedia, key);
      // The row counts its size from now on; the reservation goes in the same commit, so the bytes are
      // never counted twice or not at all.
      await reservation?.settle(tx);
      return created;
    });
    deps.wakeRenditionWorker?.();
    deps.logger.info({ mediaId: media.id, userId, mimeType, size: stored.size }, 'media uploaded');
    return toMediaItem(media);
  } catch (error) {
    // The row did not land: take the object back out so nothing is orphaned.
    await discardObject(deps, BUCKETS.userMedia, key);
    await reservation?.release();
    throw error;
  }
};
