import type { InviteRepo } from '@mediashare/core';
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { invites } from '../schema';

const usable = (codeHash: string, now: Date) =>
  and(
    eq(invites.codeHash, codeHash),
    lt(invites.uses, invites.maxUses),
    or(isNull(invites.expiresAt), gt(invites.expiresAt, now)),
  );

export const inviteRepo = (db: Executor): InviteRepo => ({
  async create(invite) {
    const [row] = await db.insert(invites).values(invite).returning();
    if (!row) throw new Error('invite insert returned nothing');
    return row;
  },

  findAll: () => db.select().from(invites).orderBy(desc(invites.createdAt), desc(invites.id)),

  async delete(id) {
    const removed = await db.delete(invites).where(eq(invites.id, id)).returning({ id: invites.id });
    return removed.length > 0;
  },

  async isUsable(codeHash, now) {
    const [row] = await db.select({ id: invites.id }).from(invites).where(usable(codeHash, now)).limit(1);
    return Boolean(row);
  },

  // One statement: the row lock makes a second registration wait and then re-check `uses < max_uses`.
  async consume(codeHash, now) {
    const [row] = await db
      .update(invites)
      .set({ uses: sql`${invites.uses} + 1` })
      .where(usable(codeHash, now))
      .returning({ id: invites.id });
    return row?.id ?? null;
  },
});
