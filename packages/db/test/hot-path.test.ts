import { and, eq, getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema } from '../src';
import { DRIVERS, openFresh } from './databases';

const { activityLog, communityMedia, media, sessions, shareClaims, users } = schema;

/**
 * The statements written as templates (hot-path.ts) must answer exactly as the query builder does, types
 * included (dates, numbers, JSON, nulls of an outer join's miss), on both drivers.
 */
describe.each(DRIVERS)('hand-written hot-path statements on %s', (driver) => {
  it('return the records the query builder returns', async () => {
    const { db, drop } = await openFresh(driver);
    const q = db.connection.db;
    try {
      const [user] = await q
        .insert(users)
        .values({ email: 'hot@example.test', username: 'hot', passwordHash: 'scrypt$x' })
        .returning();
      const now = new Date();
      const later = new Date(now.getTime() + 60_000);
      await q
        .insert(sessions)
        .values({ id: 'hash', userId: user!.id, lastSeenAt: now, expiresAt: later, absoluteExpiresAt: later });
      const item = (name: string) =>
        db.media.create({
          userId: user!.id,
          filePath: `${user!.id}/uploads/${name}`,
          fileName: name,
          mimeType: 'image/png',
          size: 5_000_000_000,
          width: 40,
          height: 30,
          durationMs: null,
          source: 'upload',
        });
      const plain = await item('plain.png');
      const listed = await item('listed.png');
      await q.insert(shareClaims).values({ mediaId: listed.id, claimId: 'claim', filePath: 'listed-1.png', expiresAt: later });
      await q.insert(communityMedia).values({
        mediaId: listed.id,
        userId: user!.id,
        filePath: 'listed-1.png',
        mimeType: 'image/png',
        size: 123,
        width: 40,
        height: 30,
        source: 'upload',
        watermarked: true,
      });

      // Sessions: found while active, not once past either deadline.
      const [expected] = await q
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, 'hash'));
      const found = await db.sessions.findActive('hash', now);
      expect(found).toEqual(expected);
      expect(found?.session.expiresAt).toBeInstanceOf(Date);
      expect(await db.sessions.findActive('hash', later)).toBeNull();
      expect(await db.sessions.findActive('other', now)).toBeNull();

      // Share state: with a claim and a community copy, and with neither (an outer join's miss).
      const { origin: _origin, ...communityColumns } = getTableColumns(communityMedia);
      const builder = async (id: number) => {
        const [row] = await q
          .select({ media, claim: shareClaims, community: communityColumns })
          .from(media)
          .leftJoin(shareClaims, eq(shareClaims.mediaId, media.id))
          .leftJoin(communityMedia, eq(communityMedia.mediaId, media.id))
          .where(and(eq(media.id, id), eq(media.userId, user!.id)));
        return row;
      };
      expect(await db.media.findOwnedShareState(user!.id, listed.id)).toEqual(await builder(listed.id));
      expect(await db.media.findOwnedShareState(user!.id, plain.id)).toEqual({ ...(await builder(plain.id)), community: null });
      expect(await db.media.findOwnedShareState(user!.id, plain.id)).toMatchObject({ claim: null, community: null });
      expect(await db.media.findOwnedShareState(user!.id + 1, plain.id)).toBeNull();

      // The update returns the row as it is now.
      const updated = await db.media.setShareState(plain.id, { isShared: true, shareToCommunity: false, shareCode: 'code' });
      const [reread] = await q.select().from(media).where(eq(media.id, plain.id));
      expect(updated).toEqual(reread);
      expect(updated).toMatchObject({ isShared: true, shareCode: 'code', size: 5_000_000_000 });
      await expect(
        db.media.setShareState(2_000_000_000, { isShared: true, shareToCommunity: false, shareCode: null }),
      ).rejects.toThrow(/vanished/);

      // Activity details are stored as JSON, not as a JSON string.
      await db.activity.record({
        userId: user!.id,
        action: 'media_shared',
        feature: 'media_gallery',
        details: { mediaId: 1, tags: ['a'] },
      });
      const [entry] = await q.select().from(activityLog);
      expect(entry).toMatchObject({ userId: user!.id, action: 'media_shared', details: { mediaId: 1, tags: ['a'] } });
    } finally {
      await db.close();
      await drop();
    }
  });
});
