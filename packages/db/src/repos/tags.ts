import type { TagRepo } from '@mediashare/core';
import { and, asc, desc, eq, inArray, like, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { communityMediaTags, tagAliases, tags } from '../schema';

const tagColumns = { id: tags.id, slug: tags.slug, label: tags.label, active: tags.active };

/** LIKE's own characters in what a user typed match themselves only. */
const prefixPattern = (prefix: string) => `${prefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * Moves every item of one tag to another (an item with both keeps one): the one merge, used by
 * `tags:sync` and by admins. The statement triggers recount both tags. Returns the items that had it.
 */
const moveAssignments = async (tx: Executor, from: number, into: number) => {
  await tx
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
    .onConflictDoNothing();
  const removed = await tx
    .delete(communityMediaTags)
    .where(eq(communityMediaTags.tagId, from))
    .returning({ id: communityMediaTags.communityMediaId });
  return removed.length;
};

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
  sync: (given) =>
    db.transaction(async (tx) => {
      const existing = new Map((await tx.select().from(tags)).map((t) => [t.slug, t]));
      const listed = new Set(given.map((t) => t.slug));
      // A tag an admin merged is inactive and its slug an admin alias of the tag it went into: it stays
      // merged even where the file lists it as a tag of its own (its items are elsewhere now), unless
      // the file merges it somewhere itself.
      const adminMerged = new Map(
        (
          await tx
            .select({ slug: tags.slug, into: sql<string>`target.slug` })
            .from(tags)
            .innerJoin(tagAliases, and(eq(tagAliases.alias, tags.slug), eq(tagAliases.origin, 'admin')))
            .innerJoin(sql`${tags} as target`, sql`target.id = ${tagAliases.tagId} and target.id <> ${tags.id}`)
            .where(eq(tags.active, false))
        ).map((t) => [t.slug, t.into]),
      );
      const keptMerged = given.filter((t) => t.mergeInto === undefined && adminMerged.has(t.slug)).map((t) => t.slug);
      const list = given.map((t) =>
        t.mergeInto === undefined && adminMerged.has(t.slug) ? { ...t, mergeInto: adminMerged.get(t.slug)! } : t,
      );
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
        ...(t.aliases ?? []).map((alias) => ({ alias, tagId: ids.get(t.mergeInto ?? t.slug)!, origin: 'file' as const })),
        ...(t.mergeInto
          ? [
              {
                alias: t.slug,
                tagId: ids.get(t.mergeInto)!,
                origin: keptMerged.includes(t.slug) ? ('admin' as const) : ('file' as const),
              },
            ]
          : []),
      ]);

      // Items move to the tag merged into (an item with both keeps one).
      const merged: { slug: string; into: string; moved: number }[] = [];
      for (const { slug, mergeInto } of list) {
        if (!mergeInto) continue;
        const moved = await moveAssignments(tx, ids.get(slug)!, ids.get(mergeInto)!);
        if (moved > 0) merged.push({ slug, into: mergeInto, moved });
      }
      // The file's aliases follow the file; an admin's stay unless the file names a tag by them.
      await tx.delete(tagAliases).where(
        or(
          and(
            eq(tagAliases.origin, 'file'),
            notInArray(
              tagAliases.alias,
              aliasRows.map((a) => a.alias),
            ),
          ),
          and(
            eq(tagAliases.origin, 'admin'),
            inArray(
              tagAliases.alias,
              list.filter((t) => t.mergeInto === undefined).map((t) => t.slug),
            ),
          ),
        ),
      );
      if (aliasRows.length > 0)
        await tx
          .insert(tagAliases)
          .values(aliasRows)
          .onConflictDoUpdate({ target: tagAliases.alias, set: { tagId: sql`excluded.tag_id`, origin: sql`excluded.origin` } });

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
      return { ...result, aliases: aliasRows.length, merged, keptMerged };
    }),

  async findAdminList() {
    const [rows, aliases] = await Promise.all([
      db
        .select({ ...tagColumns, itemCount: tags.itemCount })
        .from(tags)
        .orderBy(asc(tags.slug)),
      db
        .select({ alias: tagAliases.alias, origin: tagAliases.origin, tagId: tagAliases.tagId, slug: tags.slug })
        .from(tagAliases)
        .innerJoin(tags, eq(tags.id, tagAliases.tagId))
        .orderBy(asc(tagAliases.alias)),
    ]);
    const aliasOf = new Map(aliases.map((a) => [a.alias, a]));
    return rows.map((row) => {
      const self = aliasOf.get(row.slug);
      return {
        ...row,
        aliases: aliases
          .filter((a) => a.tagId === row.id)
          .map(({ alias, origin }) => ({ alias, origin: origin === 'admin' ? ('admin' as const) : ('file' as const) })),
        // Merged: inactive, and its slug now names another tag.
        mergedInto: !row.active && self && self.tagId !== row.id ? self.slug : null,
      };
    });
  },

  lockBySlugs: (slugs) =>
    slugs.length === 0
      ? Promise.resolve([])
      : db.select(tagColumns).from(tags).where(inArray(tags.slug, slugs)).orderBy(asc(tags.id)).for('update'),

  async addAlias(tagId, alias) {
    const [slug] = await db.select({ id: tags.id }).from(tags).where(eq(tags.slug, alias));
    if (slug) return false;
    const added = await db
      .insert(tagAliases)
      .values({ alias, tagId, origin: 'admin' })
      .onConflictDoNothing()
      .returning({ alias: tagAliases.alias });
    return added.length > 0;
  },

  async update(tagId, { label, active }) {
    if (label === undefined && active === undefined) return;
    await db.update(tags).set({ label, active }).where(eq(tags.id, tagId));
  },

  async merge(fromId, intoId) {
    const moved = await moveAssignments(db, fromId, intoId);
    await db.update(tagAliases).set({ tagId: intoId }).where(eq(tagAliases.tagId, fromId));
    const [from] = await db.update(tags).set({ active: false }).where(eq(tags.id, fromId)).returning({ slug: tags.slug });
    await db
      .insert(tagAliases)
      .values({ alias: from!.slug, tagId: intoId, origin: 'admin' })
      .onConflictDoUpdate({ target: tagAliases.alias, set: { tagId: intoId, origin: 'admin' } });
    return moved;
  },

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
