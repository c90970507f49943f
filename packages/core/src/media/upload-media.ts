import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { BUCKETS } from '../ports/storage';
import type { TGeneratedSource, TMediaMimeType } from '../schemas/common';
import { discardObject } from '../lib/discard-object';
import { limitBytes, peekStream } from '../lib/streams';
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
export const uploadMedia = async (deps: CoreDeps, { userId, fileName, body, source }: UploadMediaOptions) => {
  const { db, storage, config } = deps;
  const peeked = await peekStream(body, SNIFF_BYTES);
  let mimeType: TMediaMimeType;
  let dimensions: { width: number; height: number } | null = null;
  try {
    mimeType = await requireMediaType(peeked.head);
    if (isImageType(mimeType)) dimensions = requireImageSize(await measureFromHeader(peeked), config.maxImagePixels);
  } catch (error) {
    body.destroy();
    throw error;
  }

  const ext = extensionFor(mimeType);
  const key = vaultKeyFor(userId, ext, source);
  await db.storageIntents.add(BUCKETS.userMedia, key);

  let stored;
  try {
    // pipeline() destroys every stage on failure, so a client that goes away or a file over the limit
    // fails the driver's write too, and the driver removes what it had written so far.
    const checked = pipeline(
      peeked.stream(),
      limitBytes(config.maxUploadBytes, () => ERRORS.fileTooLarge({ limit: config.maxUploadBytes })),
      () => {},
    );
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
      return created;
    });
    deps.wakeRenditionWorker?.();
    deps.logger.info({ mediaId: media.id, userId, mimeType, size: stored.size }, 'media uploaded');
    return toMediaItem(media);
  } catch (error) {
    // The row did not land: take the object back out so nothing is orphaned.
    await discardObject(deps, BUCKETS.userMedia, key);
    throw error;
  }
};
