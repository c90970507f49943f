import type { ExposureRow, ShareLinkRepo } from '@mediashare/core';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { rowsOf } from '../hot-path';
import { shareLinkSalts, shareLinks, shareLinkVisits } from '../schema';

const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;
const dateOf = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));

/**
 * Everything a user has made public, one row per media item (its link and its community copy) plus the
 * community copies whose original was deleted (keyed by minus their id), with the time each became public.
 * A link's settings row is made on first need, so when the link was made is read from the activity log:
 * the first `media_shared` entry naming its code.
 */
const EXPOSURE = (userId: number) => sql`
  with shared_at as (
    select details->>'shareCode' as share_code, min(created_at) as at from activity_log
    where user_id = ${userId} and action = 'media_shared' group by 1
  ), links as (
    select m.*, case when m.is_shared and m.share_code is not null then m.share_code end as live_code from media m
    where m.user_id = ${userId}
  )
  select m.id as entry_id, m.id as media_id, m.file_name, m.mime_type, m.thumbnail_path, m.live_code as share_code,
    l.expires_at, l.max_views, l.password_hash is not null as has_password,
    coalesce(l.allow_download, true) as allow_download, coalesce(l.show_metadata, false) as show_metadata,
    coalesce(l.views, 0) as views, coalesce(s.at, l.created_at, m.updated_at) as link_created_at,
    c.id as community_id, c.created_at as community_created_at,
    greatest(case when m.live_code is not null then coalesce(s.at, l.created_at, m.updated_at) end, c.created_at) as exposed_at
  from links m
  left join share_links l on l.share_code = m.live_code
  left join shared_at s on s.share_code = m.live_code
  left join community_media c on c.media_id = m.id
  where m.live_code is not null or c.id is not null
  union all
  select -c.id, null, null, c.mime_type, c.thumbnail_path, null, null, null, false, true, false, 0, null,
    c.id, c.created_at, c.created_at
  from community_media c
  where c.user_id = ${userId} and c.media_id is null`;

export const shareLinkRepo = (db: Executor): ShareLinkRepo => ({
  async find(shareCode) {
    const [row] = await db.select().from(shareLinks).where(eq(shareLinks.shareCode, shareCode)).limit(1);
    return row ?? null;
  },

  async update(shareCode, mediaId, changes) {
    const [row] = await db
      .insert(shareLinks)
      .values({ shareCode, mediaId, ...changes })
      .onConflictDoUpdate({ target: shareLinks.shareCode, set: { ...changes, updatedAt: sql`now()` } })
      .returning();
    if (!row) throw new Error('share link upsert returned no row');
    return row;
  },

  async addVisit(shareCode, visitor, hour) {
    const rows = await db
      .insert(shareLinkVisits)
      .values({ shareCode, visitor, hour })
      .onConflictDoNothing()
      .returning({ visitor: shareLinkVisits.visitor });
    return rows.length > 0;
  },

  // INSERT ... ON CONFLICT DO UPDATE takes the row lock and re-checks the WHERE against the latest
  // committed count, so parallel views in any number of processes never pass the limit.
  async addView(shareCode, mediaId) {
    const [row] = await db
      .insert(shareLinks)
      .values({ shareCode, mediaId, views: 1 })
      .onConflictDoUpdate({
        target: shareLinks.shareCode,
        set: { views: sql`${shareLinks.views} + 1` },
        setWhere: sql`${shareLinks.maxViews} is null or ${shareLinks.views} < ${shareLinks.maxViews}`,
      })
      .returning({ views: shareLinks.views });
    return row?.views ?? null;
  },

  async hasVisit(shareCode, visitor, hours) {
    const rows = await db
      .select({ visitor: shareLinkVisits.visitor })
      .from(shareLinkVisits)
      .where(
        and(eq(shareLinkVisits.shareCode, shareCode), eq(shareLinkVisits.visitor, visitor), inArray(shareLinkVisits.hour, hours)),
      )
      .limit(1);
    return rows.length > 0;
  },

  async deleteForMedia(mediaId) {
    const codes = db.select({ code: shareLinks.shareCode }).from(shareLinks).where(eq(shareLinks.mediaId, mediaId));
    await db.delete(shareLinkVisits).where(inArray(shareLinkVisits.shareCode, codes));
    await db.delete(shareLinks).where(eq(shareLinks.mediaId, mediaId));
  },

  async saltFor(day, candidate) {
    await db.insert(shareLinkSalts).values({ day, salt: candidate }).onConflictDoNothing();
    const [row] = await db.select({ salt: shareLinkSalts.salt }).from(shareLinkSalts).where(eq(shareLinkSalts.day, day));
    if (!row) throw new Error('visitor key vanished');
    return row.salt;
  },

  async deleteStale(day, hour) {
    const salts = await db.delete(shareLinkSalts).where(lt(shareLinkSalts.day, day)).returning({ day: shareLinkSalts.day });
    const visits = await db
      .delete(shareLinkVisits)
      .where(lt(shareLinkVisits.hour, hour))
      .returning({ hour: shareLinkVisits.hour });
    return salts.length + visits.length;
  },

  async findExposure(userId, { cursor, limit }) {
    const after = cursor ? sql`where (e.exposed_at, e.entry_id) < (${ts(cursor.exposedAt)}, ${cursor.entryId})` : sql``;
    const rows = await rowsOf(
      db,
      sql`select * from (${EXPOSURE(userId)}) e ${after} order by e.exposed_at desc, e.entry_id desc limit ${limit}`,
    );
    return rows.map((r): ExposureRow => ({
      entryId: Number(r.entry_id),
      mediaId: r.media_id === null ? null : Number(r.media_id),
      fileName: (r.file_name as string | null) ?? null,
      mimeType: r.mime_type as string,
      thumbnailPath: (r.thumbnail_path as string | null) ?? null,
      link: r.share_code
        ? {
            shareCode: r.share_code as string,
            expiresAt: dateOf(r.expires_at),
            maxViews: r.max_views === null ? null : Number(r.max_views),
            passwordHash: r.has_password ? 'set' : null,
            allowDownload: Boolean(r.allow_download),
            showMetadata: Boolean(r.show_metadata),
            views: Number(r.views),
            createdAt: dateOf(r.link_created_at)!,
          }
        : null,
      community: r.community_id === null ? null : { id: Number(r.community_id), createdAt: dateOf(r.community_created_at)! },
      exposedAt: dateOf(r.exposed_at)!,
    }));
  },

  async findExposedIds(userId) {
    const rows = await rowsOf(db, sql`select entry_id from (${EXPOSURE(userId)}) e`);
    const ids = rows.map((r) => Number(r.entry_id));
    return { mediaIds: ids.filter((id) => id > 0), orphanCommunityIds: ids.filter((id) => id < 0).map((id) => -id) };
  },
});
