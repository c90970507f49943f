import type { CoreDeps } from '../deps';
import { decodeCursor, pageOf } from '../media/cursor';
import type { TOwnPosts } from '../schemas/community';
import { toCommunityItem } from './to-community-item';

/**
 * "My posts": the caller's items as their profile lists them (newest first, the same cursor), each with
 * what only its owner may see: the vault item it came from and its share link's views. The views are
 * read in the page's own query; nobody but the owner is ever answered them.
 */
export const findOwnPosts = async (
  deps: Pick<CoreDeps, 'db' | 'storage'>,
  { userId, cursor, limit }: { userId: number; cursor?: string | undefined; limit: number },
): Promise<TOwnPosts> => {
  const rows = await deps.db.community.findFeed({
    tagIds: [],
    userId,
    withViews: true,
    cursor: cursor ? decodeCursor(cursor) : undefined,
    limit: limit + 1,
  });
  const page = pageOf(rows, limit);
  return {
    items: page.items.map((row) => ({ ...toCommunityItem(deps, row), mediaId: row.mediaId, views: row.views ?? null })),
    nextCursor: page.nextCursor,
  };
};
