import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { discardItemObjects, markItemObjects } from '../renditions/item-keys';
import { BUCKETS } from '../ports/storage';

/**
 * Removes an item from the vault and its original (with its renditions) from storage. Its community copy, row and tags stay:
 * the foreign key sets `media_id` to null. The intent is written with the delete, so a crash before the
 * object goes still ends with the object gone.
 */
export const deleteMedia = async (deps: CoreDeps, { userId, id }: { userId: number; id: number }): Promise<void> => {
  const removed = await deps.db.transaction(async (tx) => {
    const media = await tx.media.deleteOwned(userId, id);
    if (media) await markItemObjects(tx, BUCKETS.userMedia, media.filePath);
    return media;
  });
  if (!removed) throw ERRORS.mediaNotFound();
  await discardItemObjects(deps, BUCKETS.userMedia, removed.filePath);
  deps.logger.info({ mediaId: id, userId }, 'media deleted');
};
