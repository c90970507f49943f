import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { MediaRecord } from '../ports/records';
import type { TMediaItem } from '../schemas/media';
import { toMediaItem } from './to-media-item';

/** The caller's media row; someone else's is answered exactly like a missing one. */
export const getOwnedMedia = async ({ db }: Pick<CoreDeps, 'db'>, userId: number, id: number): Promise<MediaRecord> => {
  const media = await db.media.findOwned(userId, id);
  if (!media) throw ERRORS.mediaNotFound();
  return media;
};

/** `GET /api/user/media/:id`: the caller's item, with where its community copy stands. */
export const getMediaItem = async (deps: Pick<CoreDeps, 'db'>, userId: number, id: number): Promise<TMediaItem> => {
  const media = await getOwnedMedia(deps, userId, id);
  const [moderation] = await deps.db.community.findModeration([media.id]);
  return toMediaItem(media, moderation ?? null);
};
