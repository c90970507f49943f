import type { SessionRepo } from '@mediashare/core';
import { and, desc, eq, gt, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { columnsOf, recordReader, rowsOf } from '../hot-path';
import { sessions, users } from '../schema';

// Every signed-in request runs this lookup: a template, not the builder (see hot-path.ts).
const FIND_ACTIVE = sql`select ${columnsOf(sessions, 's', 's_')}, ${columnsOf(users, 'u', 'u_')}
  from sessions s inner join users u on u.id = s.user_id where s.id = `;
const readSession = recordReader(sessions, 's_');
const readUser = recordReader(users, 'u_');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const sessionRepo = (db: Executor): SessionRepo => ({
  async create(session) {
    await db.insert(sessions).values(session);
  },

  async findActive(id, now) {
    const at = now.toISOString();
    const [row] = await rowsOf(
      db,
      sql`${FIND_ACTIVE}${id} and s.expires_at > ${at}::timestamptz and s.absolute_expires_at > ${at}::timestamptz limit 1`,
    );
    const session = row && readSession(row);
    const user = row && readUser(row);
    return session && user ? { session, user } : null;
  },

  async touch(id, lastSeenAt, expiresAt) {
    await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id));
  },

  async delete(id) {
    await db.delete(sessions).where(eq(sessions.id, id));
  },

  async deleteExpired(now) {
    const removed = await db.delete(sessions).where(lte(sessions.expiresAt, now)).returning({ id: sessions.id });
    return removed.length;
  },

  findForUser: (userId, now) =>
    db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now)))
      .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt)),

  async deleteByPublicId(userId, publicId) {
    // The column is a uuid: anything else would be a cast error, and is no session of anyone's.
    if (!UUID.test(publicId)) return false;
    const removed = await db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.publicId, publicId)))
      .returning({ id: sessions.id });
    return removed.length > 0;
  },

  async deleteForUser(userId, keepId) {
    const removed = await db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), keepId === undefined ? undefined : ne(sessions.id, keepId)))
      .returning({ id: sessions.id });
    return removed.length;
  },
});
