import type { CommunityFeedRow, CommunityRepo } from '@mediashare/core';
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client';
import { communityMedia, communityMediaTags, tags, users } from '../schema';

const { origin: _origin, ...columns } = getTableColumns(communityMedia);
const feedColumns = { ...columns, username: users.username };
const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** Attaches each row's tag slugs with one query for the whole page. */
const withTags = async (db: Executor, rows: Omit<CommunityFeedRow, 'tags'>[]): Promise<CommunityFeedRow[]> => {
  if (rows.length === 0) return [];
  const assigned = await db
    .select({ id: communityMediaTags.communityMediaId, slug: tags.slug })
    .from(communityMediaTags)
    .innerJoin(tags, eq(tags.id, communityMediaTags.tagId))
    .where(
      inArray(
        communityMediaTags.communityMediaId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(tags.slug));
  return rows.map((row) => ({ ...row, tags: assigned.filter((a) => a.id === row.id).map((a) => a.slug) }));
};

/**
 * The views of the original's live link, a primary-key probe per row of the page (media, then
 * share_links): null when the original is gone or not shared, 0 for a link nobody has opened yet.
 */
const linkViews = sql<number | null>`(
  select coalesce(l.views, 0) from media m left join share_links l on l.share_code = m.share_code
  where m.id = ${communityMedia.mediaId} and m.is_shared and m.share_code is not null)`;

export const communityRepo = (db: Executor): CommunityRepo => ({
  async findByMediaId(mediaId) {
    const [row] = await db.select().from(communityMedia).where(eq(communityMedia.mediaId, mediaId)).limit(1);
    return row ?? null;
  },

  async findById(id) {
    const [row] = await db.select().from(communityMedia).where(eq(communityMedia.id, id)).limit(1);
    return row ?? null;
  },

  async lockById(id) {
    const [row] = await db.select().from(communityMedia).where(eq(communityMedia.id, id)).limit(1).for('update');
    return row ?? null;
  },

  async findByFilePath(filePath) {
    const [row] = await db.select().from(communityMedia).where(eq(communityMedia.filePath, filePath)).limit(1);
    return row ?? null;
  },

  async create(values) {
    const [row] = await db
      .insert(communityMedia)
      .values(values)
      .onConflictDoNothing({ target: communityMedia.mediaId })
      .returning();
    return row ?? null;
  },

  async delete(id) {
    await db.delete(communityMedia).where(eq(communityMedia.id, id));
  },

  async setRenditions(id, update) {
    // Community copies are public and outlive their originals: they count toward nobody's quota.
    const { width, height, durationMs, derivedSize: _uncounted, ...columns } = update;
    await db
      .update(communityMedia)
      .set({
        ...columns,
        ...(width === undefined ? {} : { width }),
        ...(height === undefined ? {} : { height }),
        ...(durationMs === undefined ? {} : { durationMs }),
        updatedAt: sql`now()`,
      })
      .where(eq(communityMedia.id, id));
  },

  findWithoutRenditions: (afterId, limit) =>
    db
      .select()
      .from(communityMedia)
      .where(and(gt(communityMedia.id, afterId), isNull(communityMedia.placeholder), isNull(communityMedia.renditionError)))
      .orderBy(asc(communityMedia.id))
      .limit(limit),

  async findModeration(mediaIds) {
    if (mediaIds.length === 0) return [];
    const rows = await db
      .select({
        mediaId: communityMedia.mediaId,
        status: communityMedia.moderationStatus,
        removedReason: communityMedia.removedReason,
      })
      .from(communityMedia)
      .where(inArray(communityMedia.mediaId, mediaIds));
    return rows.map((r) => ({ ...r, mediaId: r.mediaId! }));
  },

  async setMature(id, mature) {
    await db
      .update(communityMedia)
      .set({ mature, updatedAt: sql`now()` })
      .where(eq(communityMedia.id, id));
  },

  async setModerationStatus(id, moderationStatus, removal) {
    const [row] = await db
      .update(communityMedia)
      .set({
        moderationStatus,
        removedReason: removal?.reason ?? null,
        removedAt: removal?.at ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(communityMedia.id, id))
      .returning();
    return row ?? null;
  },

  async setTags(communityMediaId, tagIds, createdAt) {
    await db.delete(communityMediaTags).where(eq(communityMediaTags.communityMediaId, communityMediaId));
    if (tagIds.length > 0) {
      await db.insert(communityMediaTags).values(tagIds.map((tagId) => ({ communityMediaId, tagId, createdAt })));
    }
  },

  // Without tags the feed index (or the origin one) is read in order. With tags, the first tag's
  // assignments are read in order from (tag_id, created_at, id), where created_at was copied in, and
  // every other tag is a primary-key probe: a deep page or a rare tag costs what the first page does.
  //
  // A profile (userId) without tags is read in order from (user_id, created_at, id). With tags, the
  // first tag's assignments of that person are one range of (tag_id, user_id, created_at, id), the
  // owner copied in like created_at, and every other tag is a probe: a tag the person seldom used, or
  // only long ago, costs what a common one does.
  async findFeed({ cursor, limit, tagIds, origin, userId, mature = 'include', withViews = false }) {
    const [first, ...others] = tagIds;
    // Only visible copies: hidden (reported) and removed (tombstones) are in no feed.
    const originIs: SQL | undefined = and(
      origin ? eq(communityMedia.origin, origin) : undefined,
      eq(communityMedia.moderationStatus, 'visible'),
      mature === 'include' ? undefined : eq(communityMedia.mature, mature === 'only'),
    );
    if (first === undefined) {
      const tagged = others.map(
        (tagId) =>
          sql`exists (select 1 from ${communityMediaTags} other where other.community_media_id = ${communityMedia.id} and other.tag_id = ${tagId})`,
      );
      const rows = await db
        .select(withViews ? { ...feedColumns, views: linkViews } : feedColumns)
        .from(communityMedia)
        .innerJoin(users, eq(users.id, communityMedia.userId))
        .where(
          and(
            userId === undefined ? undefined : eq(communityMedia.userId, userId),
            ...tagged,
            originIs,
            cursor
              ? sql`(${communityMedia.createdAt}, ${communityMedia.id}) < (${ts(cursor.createdAt)}, ${cursor.id})`
              : undefined,
          ),
        )
        .orderBy(desc(communityMedia.createdAt), desc(communityMedia.id))
        .limit(limit);
      return withTags(db, rows);
    }
    const lead = alias(communityMediaTags, 'lead');
    const alsoTagged = (others as number[]).map(
      (tagId) =>
        sql`exists (select 1 from ${communityMediaTags} other where other.community_media_id = ${lead.communityMediaId} and other.tag_id = ${tagId})`,
    );
    const rows = await db
      .select(withViews ? { ...feedColumns, views: linkViews } : feedColumns)
      .from(lead)
      .innerJoin(communityMedia, eq(communityMedia.id, lead.communityMediaId))
      .innerJoin(users, eq(users.id, communityMedia.userId))
      .where(
        and(
          eq(lead.tagId, first),
          userId === undefined ? undefined : eq(lead.userId, userId),
          ...alsoTagged,
          originIs,
          cursor ? sql`(${lead.createdAt}, ${lead.communityMediaId}) < (${ts(cursor.createdAt)}, ${cursor.id})` : undefined,
        ),
      )
      .orderBy(desc(lead.createdAt), desc(lead.communityMediaId))
      .limit(limit);
    return withTags(db, rows);
  },

  async findFeedItem(id) {
    const rows = await db
      .select(feedColumns)
      .from(communityMedia)
      .innerJoin(users, eq(users.id, communityMedia.userId))
      .where(eq(communityMedia.id, id))
      .limit(1);
    return (await withTags(db, rows))[0] ?? null;
  },

  async findForOwner(userId, afterId, limit) {
    return db
      .select()
      .from(communityMedia)
      .where(and(eq(communityMedia.userId, userId), gt(communityMedia.id, afterId)))
      .orderBy(asc(communityMedia.id))
      .limit(limit);
  },

  async setTexts(communityMediaId, texts) {
    const set = Object.fromEntries(Object.entries(texts).filter(([, value]) => value !== undefined));
    if (Object.keys(set).length === 0) return;
    await db
      .update(communityMedia)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(communityMedia.id, communityMediaId));
  },

  async tagSlugs(communityMediaId) {
    const rows = await db
      .select({ slug: tags.slug })
      .from(communityMediaTags)
      .innerJoin(tags, eq(tags.id, communityMediaTags.tagId))
      .where(eq(communityMediaTags.communityMediaId, communityMediaId))
      .orderBy(asc(tags.slug));
    return rows.map((r) => r.slug);
  },
});
