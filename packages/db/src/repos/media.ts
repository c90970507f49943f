import type { MediaRepo } from '@mediashare/core';
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { columnList, columnsOf, recordReader, rowsOf } from '../hot-path';
import { communityMedia, media, shareClaims } from '../schema';

// The share transaction's statements: templates, not the builder (see hot-path.ts).
const SHARE_STATE = sql`select ${columnsOf(media, 'm', 'm_')}, ${columnsOf(shareClaims, 'c', 'c_')},
  ${columnsOf(communityMedia, 'cm', 'cm_', ['origin'])}
  from media m
  left join share_claims c on c.media_id = m.id
  left join community_media cm on cm.media_id = m.id
  where m.id = `;
const SET_SHARE_STATE_RETURNING = sql.raw(` returning ${columnList(media, 'media')}`);
const readMedia = recordReader(media, 'm_');
const readClaim = recordReader(shareClaims, 'c_');
const readCommunity = recordReader(communityMedia, 'cm_', ['origin']);
const readUpdated = recordReader(media);

export const mediaRepo = (db: Executor): MediaRepo => ({
  async create(values) {
    const [row] = await db.insert(media).values(values).returning();
    if (!row) throw new Error('insert into media returned no row');
    return row;
  },

  async createIfAbsent(values) {
    const [row] = await db.insert(media).values(values).onConflictDoNothing({ target: media.filePath }).returning();
    if (row) return row;
    const [existing] = await db.select().from(media).where(eq(media.filePath, values.filePath)).limit(1);
    if (!existing) throw new Error('media row vanished between insert and select');
    return existing;
  },

  async findByPath(filePath) {
    const [row] = await db.select().from(media).where(eq(media.filePath, filePath)).limit(1);
    return row ?? null;
  },

  async findByShareCode(shareCode) {
    const [row] = await db.select().from(media).where(eq(media.shareCode, shareCode)).limit(1);
    return row ?? null;
  },

  async setShareState(id, { isShared, shareToCommunity, shareCode }) {
    const [row] = await rowsOf(
      db,
      sql`update media set is_shared = ${isShared}, share_to_community = ${shareToCommunity}, share_code = ${shareCode},
        updated_at = now() where id = ${id}${SET_SHARE_STATE_RETURNING}`,
    );
    const updated = row && readUpdated(row);
    if (!updated) throw new Error(`media ${id} vanished inside its own lock`);
    return updated;
  },

  async findOwnedShareState(userId, id) {
    const [row] = await rowsOf(db, sql`${SHARE_STATE}${id} and m.user_id = ${userId} limit 1`);
    const found = row && readMedia(row);
    if (!row || !found) return null;
    return { media: found, claim: readClaim(row), community: readCommunity(row) };
  },

  async findOwned(userId, id) {
    const [row] = await db
      .select()
      .from(media)
      .where(and(eq(media.id, id), eq(media.userId, userId)))
      .limit(1);
    return row ?? null;
  },

  async listOwned(userId, { cursor, limit }) {
    const after = cursor
      ? sql`(${media.createdAt}, ${media.id}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id})`
      : undefined;
    return db
      .select()
      .from(media)
      .where(and(eq(media.userId, userId), after))
      .orderBy(desc(media.createdAt), desc(media.id))
      .limit(limit);
  },

  async findById(id) {
    const [row] = await db.select().from(media).where(eq(media.id, id)).limit(1);
    return row ?? null;
  },

  async setRenditions(id, { derivedSize, ...update }) {
    await db
      .update(media)
      .set({
        ...update,
        // Added, not set: the link file may have been counted already.
        ...(derivedSize ? { derivedSize: sql`${media.derivedSize} + ${derivedSize}` } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(media.id, id));
  },

  async setLinkHidden(id, at) {
    await db.update(media).set({ linkHiddenAt: at }).where(eq(media.id, id));
  },

  async setStrippedPath(id, path, size) {
    const [row] = await db
      .update(media)
      .set({
        strippedPath: sql`coalesce(${media.strippedPath}, ${path})`,
        // Counted once: a copy that loses to one recorded already is discarded by its maker.
        derivedSize: sql`${media.derivedSize} + case when ${media.strippedPath} is null then ${size} else 0 end`,
      })
      .where(eq(media.id, id))
      .returning({ strippedPath: media.strippedPath });
    return row ? (row.strippedPath ?? path) : null;
  },

  findWithoutRenditions: (afterId, limit) =>
    db
      .select()
      .from(media)
      .where(and(gt(media.id, afterId), isNull(media.placeholder), isNull(media.renditionError)))
      .orderBy(asc(media.id))
      .limit(limit),

  async deleteOwned(userId, id) {
    const [row] = await db
      .delete(media)
      .where(and(eq(media.id, id), eq(media.userId, userId)))
      .returning();
    return row ?? null;
  },
});
