import type { ApiTokenRepo } from '@mediashare/core';
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Executor } from '../client';
import { apiTokens, users } from '../schema';

export const apiTokenRepo = (db: Executor): ApiTokenRepo => ({
  async create(values) {
    const [row] = await db.insert(apiTokens).values(values).returning();
    if (!row) throw new Error('insert into api_tokens returned no row');
    return row;
  },

  findForUser: (userId) =>
    db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id)),

  async revoke(userId, id, at) {
    const rows = await db
      .update(apiTokens)
      .set({ revokedAt: at })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    return rows.length > 0;
  },

  async findActive(tokenHash, now) {
    const [row] = await db
      .select({ token: apiTokens, user: users })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(
        and(
          eq(apiTokens.tokenHash, tokenHash),
          isNull(apiTokens.revokedAt),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        ),
      )
      .limit(1);
    return row ?? null;
  },

  async touch(id, at) {
    await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
  },

  async deleteForUser(userId) {
    const rows = await db.delete(apiTokens).where(eq(apiTokens.userId, userId)).returning({ id: apiTokens.id });
    return rows.length;
  },
});
