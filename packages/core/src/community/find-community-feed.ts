import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { decodeCursor, pageOf } from '../media/cursor';
import type { TCommunityFeed, TCommunityOrigin } from '../schemas/community';
import { toCommunityItem } from './to-community-item';

export interface FeedOptions {
  cursor?: string | undefined;
  limit: number;
  tags: string[];
  origin?: TCommunityOrigin | undefined;
  mature?: 'include' | 'exclude' | 'only' | undefined;
}

/** The public Community feed: newest first, filtered by tags (all must match) and by origin. */
export const findCommunityFeed = async (
  deps: Pick<CoreDeps, 'db' | 'storage'>,
  { cursor, limit, tags, origin, mature }: FeedOptions,
): Promise<TCommunityFeed> => {
  const slugs = [...new Set(tags)];
  const found = await deps.db.tags.findBySlugs(slugs);
  const unknown = slugs.filter((s) => !found.some((t) => t.slug === s));
  if (unknown.length > 0) throw ERRORS.unknownTags({ slugs: unknown });
  const rows = await deps.db.community.findFeed({
    cursor: cursor ? decodeCursor(cursor) : undefined,
    limit: limit + 1,
    tagIds: found.map((t) => t.id),
    origin,
    mature,
  });
  const page = pageOf(rows, limit);
  return { items: page.items.map((row) => toCommunityItem(deps, row)), nextCursor: page.nextCursor };
};
