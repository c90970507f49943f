import type { Readable } from 'node:stream';
import type { CoreDeps } from '../deps';
import { hasImageRenditions, isVideo, type RenditionSet } from '../ports/imaging';
import type { RenditionUpdate } from '../ports/records';
import { renditionKeyFor } from './rendition-keys';
import type { RenditionSource } from './rendition-source';

/** Why an item gets no renditions, when that is known for good (no retry can change it). */
export class NoRenditions extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NoRenditions';
  }
}

const destroyAll = (set: RenditionSet) => {
  set.thumbnail.stream.destroy();
  set.preview?.stream.destroy();
};

/** Stores a set's files under the source's derived keys; every stream is read or destroyed. */
const storeSet = async ({ storage, db }: Pick<CoreDeps, 'storage' | 'db'>, source: RenditionSource, set: RenditionSet) => {
  try {
    // Marked (again) right before the writes: an item deleted meanwhile took the job's first intents
    // with it, and an object written without one would be nobody's to remove.
    for (const kind of ['thumbnail', 'preview'] as const)
      await db.storageIntents.add(source.bucket, renditionKeyFor(source.key, kind));
    const thumbnailPath = renditionKeyFor(source.key, 'thumbnail');
    let derivedSize = (await storage.put(source.bucket, thumbnailPath, set.thumbnail.stream, { contentType: 'image/webp' })).size;
    let previewPath: string | null = null;
    if (set.preview) {
      previewPath = renditionKeyFor(source.key, 'preview');
      derivedSize += (await storage.put(source.bucket, previewPath, set.preview.stream, { contentType: 'image/webp' })).size;
    }
    return { placeholder: set.placeholder, thumbnailPath, previewPath, derivedSize };
  } finally {
    destroyAll(set);
  }
};

/**
 * Makes and stores an item's renditions through the image service (never on this event loop): an
 * image's own, or a video's poster frame with its size and duration. Throws NoRenditions when there
 * can be none (no video tools, no decodable frame); anything else thrown may be worth a retry.
 */
export const makeRenditionsFor = async (
  deps: Pick<CoreDeps, 'storage' | 'imaging' | 'db'>,
  source: RenditionSource,
): Promise<RenditionUpdate> => {
  const { storage, imaging } = deps;
  const open = async (): Promise<Readable> => (await storage.get(source.bucket, source.key)).stream;
  if (hasImageRenditions(source.mimeType)) {
    const set = await imaging.makeRenditions(await open(), source.mimeType);
    return { ...(await storeSet(deps, source, set)), renditionError: null, width: set.width, height: set.height };
  }
  if (isVideo(source.mimeType)) {
    const probe = await imaging.probeVideo(await open(), source.mimeType);
    if (!probe.isAvailable) throw new NoRenditions(`no video tools: ${probe.reason}`);
    const measured = { width: probe.width, height: probe.height, durationMs: probe.durationMs };
    if (!probe.poster)
      return {
        ...measured,
        placeholder: null,
        thumbnailPath: null,
        previewPath: null,
        renditionError: `no poster frame: ${probe.posterError ?? 'none decoded'}`,
      };
    return { ...measured, ...(await storeSet(deps, source, probe.poster)), renditionError: null };
  }
  throw new NoRenditions(`no renditions for ${source.mimeType}`);
};
