import type { CoreDeps } from '../deps';
import type { TMediaListResult } from '../schemas/media';
import { decodeCursor, pageOf } from './cursor';
import { toMediaItem } from './to-media-item';

/** The caller's vault, newest first. */
export const findMedia = async (
  { db }: Pick<CoreDeps, 'db'>,
  { userId, cursor, limit }: { userId: number; cursor?: string | undefined; limit: number },
): Promise<TMediaListResult> => {
  const rows = await db.media.listOwned(userId, { ...(cursor ? { cursor: decodeCursor(cursor) } : {}), limit: limit + 1 });
  const page = pageOf(rows, limit);
  const moderation = await db.community.findModeration(
    page.items.filter((m) => m.shareToCommunity || m.linkHiddenAt).map((m) => m.id),
  );
  return {
    items: page.items.map((m) => toMediaItem(m, moderation.find((c) => c.mediaId === m.id) ?? null)),
    nextCursor: page.nextCursor,
  };
};
