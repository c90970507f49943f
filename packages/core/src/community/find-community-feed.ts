import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { decodeCursor, pageOf } from '../media/cursor';
import type { CommunityFeedQuery } from '../ports/records';
import type { TCommunityFeed, TCommunityItem, TCommunityOrigin } from '../schemas/community';
import { resolveTagNames, unknownTagsError } from '../tags/resolve-tags';
import { toCommunityItem } from './to-community-item';

export interface FeedFilters {
  /** Slugs or aliases: an alias filters by its tag. */
  tags: string[];
  origin?: TCommunityOrigin | undefined;
  /** Mature items too, none of them, or only them. */
  mature?: 'include' | 'exclude' | 'only' | undefined;
  /** A profile: only this user's items. */
  user?: string | undefined;
}

export interface FeedOptions extends FeedFilters {
  cursor?: string | undefined;
  limit: number;
}

/** Filters as the repository takes them: tags resolved (aliases too), the username to its id. */
const resolveFilters = async (
  { db }: Pick<CoreDeps, 'db'>,
  { tags, origin, user, mature }: FeedFilters,
): Promise<
  Pick<CommunityFeedQuery, 'tagIds' | 'origin' | 'userId' | 'mature'> & { slugs: string[]; username: string | null }
> => {
  // Inactive tags still filter: items keep their tags after a tag leaves the list.
  const { tags: found, unknown } = await resolveTagNames(db.tags, tags, { activeOnly: false });
  if (unknown.length > 0) throw await unknownTagsError(db.tags, unknown);
  const owner = user === undefined ? undefined : await db.users.findByUsername(user);
  if (owner === null) throw ERRORS.userNotFound();
  return {
    tagIds: found.map((t) => t.id),
    slugs: found.map((t) => t.slug),
    username: owner?.username ?? null,
    origin,
    mature,
    userId: owner?.id,
  };
};

/** The public Community feed: newest first, filtered by tags (all must match), by origin and by owner. */
export const findCommunityFeed = async (
  deps: Pick<CoreDeps, 'db' | 'storage'>,
  { cursor, limit, ...filters }: FeedOptions,
): Promise<TCommunityFeed> => {
  const { tagIds, origin, userId, mature } = await resolveFilters(deps, filters);
  const rows = await deps.db.community.findFeed({
    tagIds,
    origin,
    userId,
    mature,
    cursor: cursor ? decodeCursor(cursor) : undefined,
    limit: limit + 1,
  });
  const page = pageOf(rows, limit);
  return { items: page.items.map((row) => toCommunityItem(deps, row)), nextCursor: page.nextCursor };
};

/** How many items a feed document (RSS, Atom, JSON Feed) carries: the newest, like the first page. */
export const FEED_DOCUMENT_SIZE = 50;

export interface FeedDocument {
  items: TCommunityItem[];
  /** The canonical slugs the filter resolved to (an alias shows as its tag). */
  tags: string[];
  /** The owner's username as stored, for a profile's feed. */
  user: string | null;
  /** The latest change among the items (a re-share changes an item); null for an empty feed. */
  updatedAt: Date | null;
}

/** The newest items of a feed query, for feed readers: mature items only when the query asks for them. */
export const findFeedDocument = async (deps: Pick<CoreDeps, 'db' | 'storage'>, filters: FeedFilters): Promise<FeedDocument> => {
  const { slugs, username, tagIds, origin, userId, mature } = await resolveFilters(deps, {
    ...filters,
    mature: filters.mature ?? 'exclude',
  });
  const rows = await deps.db.community.findFeed({ tagIds, origin, userId, mature, limit: FEED_DOCUMENT_SIZE });
  const updatedAt = rows.reduce<Date | null>((latest, row) => (latest && latest >= row.updatedAt ? latest : row.updatedAt), null);
  return { items: rows.map((row) => toCommunityItem(deps, row)), tags: slugs, user: username, updatedAt };
};
