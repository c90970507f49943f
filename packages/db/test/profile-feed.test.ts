import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema } from '../src';
import { DRIVERS, openFresh } from './databases';

const { communityMediaTags, tags, users } = schema;

/**
 * A profile filtered by tags is read off (tag_id, user_id, created_at, id), the owner copied onto each
 * assignment by a trigger: the pages must hold exactly the person's items carrying every tag asked for,
 * newest first, through the cursor, for a tag the person used often, seldom, or never.
 */
describe.each(DRIVERS)('a profile filtered by tags on %s', (driver) => {
  it("pages through exactly the person's items with every tag", async () => {
    const { db, drop } = await openFresh(driver);
    const q = db.connection.db;
    try {
      await db.tags.seedIfEmpty([
        { slug: 'night', label: 'Night' },
        { slug: 'vintage', label: 'Vintage' },
      ]);
      const bySlug = new Map((await db.tags.findActive()).map((t) => [t.slug, t.id]));
      const night = bySlug.get('night')!;
      const vintage = bySlug.get('vintage')!;
      const [many, few] = await q
        .insert(users)
        .values([
          { email: 'many@example.test', username: 'many', passwordHash: 'x' },
          { email: 'few@example.test', username: 'few', passwordHash: 'x' },
        ])
        .returning();
      // 60 items of `many` and 3 of `few`; every other item at night, every tenth vintage (one of them
      // `few`'s), and all of `few`'s at night.
      const start = Date.UTC(2026, 0, 1);
      await q.execute(sql`
        insert into community_media (user_id, file_path, mime_type, size, width, height, source, watermarked, created_at, updated_at)
        select case when g % 21 = 0 then ${few!.id}::int else ${many!.id}::int end, 'p-' || g || '.jpg', 'image/jpeg', 1, 1, 1,
               'upload', true, ${new Date(start).toISOString()}::timestamptz + g * interval '1 minute', now()
        from generate_series(1, 63) g`);
      const rows = await q.execute(sql`select id, user_id, created_at from community_media order by id`);
      const items =
        (rows as unknown as { rows?: { id: number; user_id: number; created_at: Date }[] }).rows ??
        (rows as unknown as { id: number; user_id: number; created_at: Date }[]);
      const assignments = items.flatMap((item, i) => [
        ...(item.user_id === few!.id || i % 2 === 0
          ? [{ communityMediaId: item.id, tagId: night, createdAt: new Date(item.created_at) }]
          : []),
        ...(i % 10 === 0 ? [{ communityMediaId: item.id, tagId: vintage, createdAt: new Date(item.created_at) }] : []),
      ]);
      await q.insert(communityMediaTags).values(assignments);
      const counts = Object.fromEntries(
        (await q.select({ slug: tags.slug, n: tags.itemCount }).from(tags)).map((t) => [t.slug, t.n]),
      );
      expect(counts).toMatchObject({ vintage: 7 });
      // Inserted without an owner, as every writer does: the trigger copies it from the item.
      const owners = await q.select({ userId: communityMediaTags.userId }).from(communityMediaTags);
      expect(owners.length).toBe(assignments.length);
      expect(owners.filter((o) => o.userId === null)).toEqual([]);

      const expected = (userId: number, tagIds: number[]) =>
        items
          .filter((item) => item.user_id === userId)
          .filter((item) => tagIds.every((tagId) => assignments.some((a) => a.communityMediaId === item.id && a.tagId === tagId)))
          .map((item) => item.id)
          .reverse();
      const paged = async (userId: number, tagIds: number[]) => {
        const seen: number[] = [];
        let cursor: { createdAt: Date; id: number } | undefined;
        for (;;) {
          const page = await db.community.findFeed({ limit: 4, tagIds, userId, ...(cursor ? { cursor } : {}) });
          expect(
            page.every(
              (row) => row.userId === userId && tagIds.every((t) => row.tags.includes(t === night ? 'night' : 'vintage')),
            ),
          ).toBe(true);
          seen.push(...page.map((row) => row.id));
          if (page.length < 4) return seen;
          cursor = { createdAt: page.at(-1)!.createdAt, id: page.at(-1)!.id };
        }
      };
      for (const [userId, tagIds] of [
        [many!.id, [vintage]],
        [many!.id, [night, vintage]],
        [many!.id, [night]],
        [few!.id, [night]],
        [few!.id, [vintage]],
      ] as const) {
        expect(await paged(userId, [...tagIds])).toEqual(expected(userId, [...tagIds]));
      }
      expect(expected(many!.id, [vintage])).toHaveLength(6);
    } finally {
      await drop();
    }
  });
});
