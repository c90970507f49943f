import type { TagRepo } from '@mediashare/core';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { tags } from '../schema';

export const tagRepo = (db: Executor): TagRepo => ({
  findActive: () =>
    db
      .select({ id: tags.id, slug: tags.slug, label: tags.label, active: tags.active })
      .from(tags)
      .where(eq(tags.active, true))
      .orderBy(asc(tags.slug)),

  findActiveBySlugs: (slugs) =>
    slugs.length === 0
      ? Promise.resolve([])
      : db
          .select({ id: tags.id, slug: tags.slug, label: tags.label, active: tags.active })
          .from(tags)
          .where(and(inArray(tags.slug, slugs), eq(tags.active, true))),

  findBySlugs: (slugs) =>
    slugs.length === 0
      ? Promise.resolve([])
      : db
          .select({ id: tags.id, slug: tags.slug, label: tags.label, active: tags.active })
          .from(tags)
          .where(inArray(tags.slug, slugs)),

  findAll: () =>
    db.select({ id: tags.id, slug: tags.slug, label: tags.label, active: tags.active }).from(tags).orderBy(asc(tags.slug)),

  // Tags are never deleted: assignments must survive a tag leaving the list.
  sync: (list) =>
    db.transaction(async (tx) => {
      const existing = new Map((await tx.select().from(tags)).map((t) => [t.slug, t]));
      const listed = new Set(list.map((t) => t.slug));
      const result = {
        added: [] as string[],
        relabeled: [] as string[],
        deactivated: [] as string[],
        reactivated: [] as string[],
      };

      const fresh = list.filter((t) => !existing.has(t.slug));
      if (fresh.length > 0) await tx.insert(tags).values(fresh);
      result.added = fresh.map((t) => t.slug);

      for (const { slug, label } of list) {
        const known = existing.get(slug);
        if (!known || (known.label === label && known.active)) continue;
        await tx.update(tags).set({ label, active: true }).where(eq(tags.id, known.id));
        if (known.label !== label) result.relabeled.push(slug);
        if (!known.active) result.reactivated.push(slug);
      }

      const gone = [...existing.values()].filter((t) => t.active && !listed.has(t.slug));
      if (gone.length > 0)
        await tx
          .update(tags)
          .set({ active: false })
          .where(
            inArray(
              tags.id,
              gone.map((t) => t.id),
            ),
          );
      result.deactivated = gone.map((t) => t.slug);
      return result;
    }),

  async seedIfEmpty(list) {
    const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(tags);
    if ((row?.count ?? 0) > 0 || list.length === 0) return 0;
    const inserted = await db.insert(tags).values(list).onConflictDoNothing().returning({ id: tags.id });
    return inserted.length;
  },
});
