import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { BUCKETS, InvalidKeyError, StorageNotFoundError, type ByteRange } from '../ports/storage';
import { baseKeyOf } from '../renditions/rendition-keys';

/**
 * An object of the public bucket (community copies), as the local driver serves it at the path Supabase
 * Storage uses. A private bucket, a key that could never be valid (traversal and the like) and a missing
 * object are all the same 404: nothing here tells them apart.
 */
export const getPublicObject = async (
  { storage, db }: Pick<CoreDeps, 'storage' | 'db'>,
  { bucket, key }: { bucket: string; key: string },
) => {
  if (bucket !== BUCKETS.general) throw ERRORS.objectNotFound();
  // No stored key holds a control character, and PostgreSQL refuses NUL in text: such a name is a 404
  // before it reaches the database.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) throw ERRORS.objectNotFound();
  // A copy hidden by reports (or being taken down) is off its public URLs too, renditions included.
  const copy = await db.community.findByFilePath(baseKeyOf(key) ?? key);
  if (copy && copy.moderationStatus !== 'visible') throw ERRORS.objectNotFound();
  const info = await storage.stat(BUCKETS.general, key).catch((error: unknown) => {
    if (error instanceof InvalidKeyError) return null;
    throw error;
  });
  if (!info) throw ERRORS.objectNotFound();
  return {
    size: info.size,
    contentType: info.contentType,
    open: async (range?: ByteRange) => {
      try {
        return await storage.get(BUCKETS.general, key, range ? { range } : {});
      } catch (error) {
        // Deleted between the look and the read.
        if (error instanceof StorageNotFoundError) throw ERRORS.objectNotFound();
        throw error;
      }
    },
  };
};
