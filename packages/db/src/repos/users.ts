import type { UserRepo } from '@mediashare/core';
import { eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema';

export const userRepo = (db: Executor): UserRepo => ({
  async create(input) {
    const [user] = await db.insert(users).values(input).onConflictDoNothing().returning();
    if (user) return { ok: true, user };
    const [taken] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, input.email.toLowerCase()))
      .limit(1);
    return { ok: false, conflict: taken ? 'email' : 'username' };
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

  async findById(id) {
    const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
    return user ?? null;
  },
});
