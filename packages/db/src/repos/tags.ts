import type { TagRepo } from '@mediashare/core';
import { and, asc, desc, eq, inArray, like, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { communityMediaTags, tagAliases, tags } from '../schema';

const tagColumns = { id: tags.id, slug: tags.slug, label: tags.label, active: tags.active };

/** LIKE's own characters in what a user typed match themselves only. */
const prefixPattern = (prefix: string) => `${prefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

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

  async resolve(names, { activeOnly }) {
    if (names.length === 0) return [];
    const active = activeOnly ? eq(tags.active, true) : undefined;
    const [bySlug, byAlias] = await Promise.all([
      db
        .select({ ...tagColumns, name: tags.slug })
        .from(tags)
        .where(and(inArray(tags.slug, names), active)),
      db
        .select({ ...tagColumns, name: tagAliases.alias })
        .from(tagAliases)
        .innerJoin(tags, eq(tags.id, tagAliases.tagId))
        .where(and(inArray(tagAliases.alias, names), active)),
    ]);
    return [...bySlug, ...byAlias];
  },

  async findVocabulary() {
    const [rows, aliases] = await Promise.all([
      db
        .select({ ...tagColumns, itemCount: tags.itemCount })
        .from(tags)
        .where(eq(tags.active, true))
        .orderBy(asc(tags.slug)),
      db.select({ alias: tagAliases.alias, tagId: tagAliases.tagId }).from(tagAliases).orderBy(asc(tagAliases.alias)),
    ]);
    return rows.map((row) => ({ ...row, aliases: aliases.filter((a) => a.tagId === row.id).map((a) => a.alias) }));
  },

  // Two index range scans (slug and alias, text_pattern_ops) and a label match over the active list,
  // which is the vocabulary (hundreds of rows), never the items: the counts are kept on the tag row.
  async suggest(prefix, limit) {
    const pattern = prefixPattern(prefix);
    const [direct, viaAlias] = await Promise.all([
      db
        .select({ slug: tags.slug, label: tags.label, itemCount: tags.itemCount })
        .from(tags)
        .where(and(eq(tags.active, true), or(like(tags.slug, pattern), like(sql`lower(${tags.label})`, pattern))))
        .orderBy(desc(tags.itemCount), asc(tags.slug))
        .limit(limit),
      db
        .select({ slug: tags.slug, label: tags.label, itemCount: tags.itemCount, alias: tagAliases.alias })
        .from(tagAliases)
        .innerJoin(tags, eq(tags.id, tagAliases.tagId))
        .where(and(eq(tags.active, true), like(tagAliases.alias, pattern)))
        .orderBy(desc(tags.itemCount), asc(tagAliases.alias))
        .limit(limit),
    ]);
    const seen = new Set(direct.map((t) => t.slug));
    const merged = [
      ...direct.map((t) => ({ ...t, matchedAlias: null })),
      ...viaAlias
        .filter((t) => !seen.has(t.slug) && (seen.add(t.slug), true))
        .map(({ alias, ...t }) => ({ ...t, matchedAlias: alias })),
    ];
    return merged.sort((a, b) => b.itemCount - a.itemCount || a.slug.localeCompare(b.slug)).slice(0, limit);
  },

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

      // A merged tag is never offered again: its slug becomes an alias of the tag it went into.
      const isActive = (t: (typeof list)[number]) => t.mergeInto === undefined && (t.active ?? true);
      const fresh = list.filter((t) => !existing.has(t.slug));
      if (fresh.length > 0)
        await tx.insert(tags).values(fresh.map((t) => ({ slug: t.slug, label: t.label, active: isActive(t) })));
      result.added = fresh.map((t) => t.slug);

      for (const entry of list) {
        const { slug, label } = entry;
        const active = isActive(entry);
        const known = existing.get(slug);
        if (!known || (known.label === label && known.active === active)) continue;
        await tx.update(tags).set({ label, active }).where(eq(tags.id, known.id));
        if (known.label !== label) result.relabeled.push(slug);
        if (!known.active && active) result.reactivated.push(slug);
        if (known.active && !active) result.deactivated.push(slug);
      }

      // Aliases follow the file exactly: those of unlisted tags go too, so a name can move to another tag.
      const ids = new Map((await tx.select({ id: tags.id, slug: tags.slug }).from(tags)).map((t) => [t.slug, t.id]));
      const aliasRows = list.flatMap((t) => [
        ...(t.aliases ?? []).map((alias) => ({ alias, tagId: ids.get(t.mergeInto ?? t.slug)! })),
        ...(t.mergeInto ? [{ alias: t.slug, tagId: ids.get(t.mergeInto)! }] : []),
      ]);

      // Items move to the tag merged into (an item with both keeps one); the statement triggers recount.
      const merged: { slug: string; into: string; moved: number }[] = [];
      for (const { slug, mergeInto } of list) {
        if (!mergeInto) continue;
        const from = ids.get(slug)!;
        const into = ids.get(mergeInto)!;
        const moved = await tx
          .insert(communityMediaTags)
          .select(
            tx
              .select({
                communityMediaId: communityMediaTags.communityMediaId,
                tagId: sql<number>`${into}::int`.as('tag_id'),
                createdAt: communityMediaTags.createdAt,
                userId: communityMediaTags.userId,
              })
              .from(communityMediaTags)
              .where(eq(communityMediaTags.tagId, from)),
          )
          .onConflictDoNothing()
          .returning({ id: communityMediaTags.communityMediaId });
        const removed = await tx
          .delete(communityMediaTags)
          .where(eq(communityMediaTags.tagId, from))
          .returning({ id: communityMediaTags.communityMediaId });
        if (removed.length > 0 || moved.length > 0) merged.push({ slug, into: mergeInto, moved: removed.length });
      }
      if (aliasRows.length === 0) await tx.delete(tagAliases);
      else
        await tx.delete(tagAliases).where(
          notInArray(
            tagAliases.alias,
            aliasRows.map((a) => a.alias),
          ),
        );
      if (aliasRows.length > 0)
        await tx
          .insert(tagAliases)
          .values(aliasRows)
          .onConflictDoUpdate({ target: tagAliases.alias, set: { tagId: sql`excluded.tag_id` } });

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
      result.deactivated.push(...gone.map((t) => t.slug));
      return { ...result, aliases: aliasRows.length, merged };
    }),

  async seedIfEmpty(list) {
    const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(tags);
    if ((row?.count ?? 0) > 0 || list.length === 0) return 0;
    const inserted = await db
      .insert(tags)
      .values(list.map(({ slug, label, active }) => ({ slug, label, active: active ?? true })))
      .onConflictDoNothing()
      .returning({ id: tags.id, slug: tags.slug });
    const ids = new Map(inserted.map((t) => [t.slug, t.id]));
    const aliasRows = list.flatMap((t) => (t.aliases ?? []).map((alias) => ({ alias, tagId: ids.get(t.slug) })));
    const known = aliasRows.filter((a): a is { alias: string; tagId: number } => a.tagId !== undefined);
    if (known.length > 0) await db.insert(tagAliases).values(known).onConflictDoNothing();
    return inserted.length;
  },
});
