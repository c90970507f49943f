import type { MediaRepo } from '@mediashare/core';
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { communityMedia, media, shareClaims } from '../schema';

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

  async setShareState(id, state) {
    const [row] = await db
      .update(media)
      .set({ ...state, updatedAt: sql`now()` })
      .where(eq(media.id, id))
      .returning();
    if (!row) throw new Error(`media ${id} vanished inside its own lock`);
    return row;
  },

  async findOwnedShareState(userId, id) {
    const { origin: _origin, ...community } = getTableColumns(communityMedia);
    const [row] = await db
      .select({ media, claim: shareClaims, community })
      .from(media)
      .leftJoin(shareClaims, eq(shareClaims.mediaId, media.id))
      .leftJoin(communityMedia, eq(communityMedia.mediaId, media.id))
      .where(and(eq(media.id, id), eq(media.userId, userId)))
      .limit(1);
    if (!row) return null;
    return { media: row.media, claim: row.claim, community: row.community?.id ? row.community : null };
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

  async deleteOwned(userId, id) {
    const [row] = await db
      .delete(media)
      .where(and(eq(media.id, id), eq(media.userId, userId)))
      .returning();
    return row ?? null;
  },
});
