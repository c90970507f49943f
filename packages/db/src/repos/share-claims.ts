import type { ShareClaimRepo } from '@mediashare/core';
import { and, eq, lte } from 'drizzle-orm';
import type { Executor } from '../client';
import { shareClaims } from '../schema';

export const shareClaimRepo = (db: Executor): ShareClaimRepo => ({
  async find(mediaId) {
    const [row] = await db.select().from(shareClaims).where(eq(shareClaims.mediaId, mediaId)).limit(1);
    return row ?? null;
  },

  // One statement: of two processes racing for an expired claim, exactly one gets a row back.
  async acquire(claim, now) {
    const rows = await db
      .insert(shareClaims)
      .values(claim)
      .onConflictDoUpdate({
        target: shareClaims.mediaId,
        set: { claimId: claim.claimId, filePath: claim.filePath, expiresAt: claim.expiresAt },
        setWhere: lte(shareClaims.expiresAt, now),
      })
      .returning({ claimId: shareClaims.claimId });
    return rows[0]?.claimId === claim.claimId;
  },

  async extend(mediaId, claimId, expiresAt) {
    const rows = await db
      .update(shareClaims)
      .set({ expiresAt })
      .where(and(eq(shareClaims.mediaId, mediaId), eq(shareClaims.claimId, claimId)))
      .returning({ mediaId: shareClaims.mediaId });
    return rows.length > 0;
  },

  async release(mediaId, claimId) {
    const rows = await db
      .delete(shareClaims)
      .where(and(eq(shareClaims.mediaId, mediaId), eq(shareClaims.claimId, claimId)))
      .returning({ mediaId: shareClaims.mediaId });
    return rows.length > 0;
  },

  async deleteExpired(now) {
    const rows = await db.delete(shareClaims).where(lte(shareClaims.expiresAt, now)).returning({ mediaId: shareClaims.mediaId });
    return rows.length;
  },
});
