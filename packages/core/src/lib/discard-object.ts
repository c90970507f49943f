import type { CoreDeps } from '../deps';
import type { TBucket } from '../ports/storage';

/**
 * Removes an object nothing should point at, then its intent. If storage fails, the intent stays and the
 * sweep finishes the job later; the caller's own error is what the client hears about.
 */
export const discardObject = async (
  { db, storage, logger }: Pick<CoreDeps, 'db' | 'storage' | 'logger'>,
  bucket: TBucket,
  key: string,
) => {
  try {
    await storage.delete(bucket, key);
    await db.storageIntents.remove(bucket, key);
  } catch (error) {
    logger.warn({ err: error, bucket, key }, 'could not discard object; the sweep will retry');
  }
};
