import type { UserRepo } from '@mediashare/core';
import { and, eq, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema';

/** PostgreSQL's unique_violation, wherever the driver or drizzle put it in the cause chain. */
const isUniqueViolation = (error: unknown): boolean => {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
};

export const userRepo = (db: Executor): UserRepo => {
  /** Which of the names another account (not `exceptId`) holds, email first, as registration says. */
  const conflictOf = async (email: string | undefined, exceptId = 0) => {
    if (email === undefined) return 'username' as const;
    const [taken] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(sql`lower(${users.email})`, email.toLowerCase()), ne(users.id, exceptId)))
      .limit(1);
    return taken ? ('email' as const) : ('username' as const);
  };

  return {
    async create(input) {
      const [user] = await db.insert(users).values(input).onConflictDoNothing().returning();
      if (user) return { ok: true, user };
      return { ok: false, conflict: await conflictOf(input.email) };
    },

    async findTaken({ email, username }) {
      const rows = await db
        .select({ email: users.email })
        .from(users)
        .where(or(eq(sql`lower(${users.email})`, email.toLowerCase()), eq(sql`lower(${users.username})`, username.toLowerCase())))
        .limit(2);
      if (rows.length === 0) return null;
      return rows.some((r) => r.email.toLowerCase() === email.toLowerCase()) ? 'email' : 'username';
    },

    async findByLogin(login) {
      const lower = login.toLowerCase();
      const [user] = await db
        .select()
        .from(users)
        .where(or(eq(sql`lower(${users.email})`, lower), eq(sql`lower(${users.username})`, lower)))
        .limit(1);
      return user ?? null;
    },

    async findByUsername(username) {
      const [user] = await db
        .select()
        .from(users)
        .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
        .limit(1);
      return user ?? null;
    },

    async findById(id) {
      const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
      return user ?? null;
    },

    // The unique indexes decide, as they do for registration; a concurrent taker loses the same way.
    async update(id, changes) {
      try {
        const [user] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
        if (!user) throw new Error(`no user ${id}`);
        return { ok: true, user };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return { ok: false, conflict: await conflictOf(changes.email, id) };
      }
    },

    async setPasswordHash(id, passwordHash) {
      await db.update(users).set({ passwordHash }).where(eq(users.id, id));
    },

    // The names become ones registration never accepts (no '@' in a username's domain part, `.invalid`).
    async beginDeletion(id, at) {
      const rows = await db
        .update(users)
        .set({ email: `deleted-${id}@deleted.invalid`, username: `deleted-${id}`, passwordHash: '!', deletingAt: at })
        .where(and(eq(users.id, id), isNull(users.deletingAt)))
        .returning({ id: users.id });
      return rows.length > 0;
    },

    async findDeleting(limit) {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(isNotNull(users.deletingAt))
        .orderBy(users.id)
        .limit(limit);
      return rows.map((r) => r.id);
    },

    async delete(id) {
      await db.delete(users).where(eq(users.id, id));
    },

    async setRole(id, role) {
      await db.update(users).set({ role }).where(eq(users.id, id));
    },

    async setCommunityBan(id, at) {
      await db.update(users).set({ communityBannedAt: at }).where(eq(users.id, id));
    },

    async setShowMature(id, showMature) {
      await db.update(users).set({ showMature }).where(eq(users.id, id));
    },
  };
};
