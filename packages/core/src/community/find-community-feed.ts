import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { decodeCursor, pageOf } from '../media/cursor';
import type { TCommunityFeed, TCommunityOrigin } from '../schemas/community';
import { resolveTagNames, unknownTagsError } from '../tags/resolve-tags';
import { toCommunityItem } from './to-community-item';

export interface FeedOptions {
  cursor?: string | undefined;
  limit: number;
  /** Slugs or aliases: an alias filters by its tag. */
  tags: string[];
  origin?: TCommunityOrigin | undefined;
  /** A profile: only this user's items. */
  user?: string | undefined;
}

/** The public Community feed: newest first, filtered by tags (all must match), by origin and by owner. */
export const findCommunityFeed = async (
  deps: Pick<CoreDeps, 'db' | 'storage'>,
  { cursor, limit, tags, origin, user }: FeedOptions,
): Promise<TCommunityFeed> => {
  // Inactive tags still filter: items keep their tags after a tag leaves the list.
  const { tags: found, unknown } = await resolveTagNames(deps.db.tags, tags, { activeOnly: false });
  if (unknown.length > 0) throw await unknownTagsError(deps.db.tags, unknown);
  const owner = user === undefined ? undefined : await deps.db.users.findByUsername(user);
  if (owner === null) throw ERRORS.userNotFound();
  const rows = await deps.db.community.findFeed({
    cursor: cursor ? decodeCursor(cursor) : undefined,
    limit: limit + 1,
    tagIds: found.map((t) => t.id),
    origin,
    userId: owner?.id,
  });
  const page = pageOf(rows, limit);
  return { items: page.items.map((row) => toCommunityItem(deps, row)), nextCursor: page.nextCursor };
};
