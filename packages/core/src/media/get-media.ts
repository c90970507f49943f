import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { MediaRecord } from '../ports/records';

/** The caller's media row; someone else's is answered exactly like a missing one. */
export const getOwnedMedia = async ({ db }: Pick<CoreDeps, 'db'>, userId: number, id: number): Promise<MediaRecord> => {
  const media = await db.media.findOwned(userId, id);
  if (!media) throw ERRORS.mediaNotFound();
  return media;
};
