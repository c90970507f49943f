import { ERRORS } from '../errors';
import type { Repos } from '../ports/database';
import type { AdminTagRecord, NewModerationLogEntry, TagRecord } from '../ports/records';
import type { TAdminTag } from '../schemas/tags';

export const toAdminTag = ({ id, slug, label, active, aliases, itemCount, mergedInto }: AdminTagRecord): TAdminTag => ({
  id,
  slug,
  label,
  active,
  aliases,
  count: itemCount,
  mergedInto,
});

/** The tag as /admin/tags shows it, read inside the transaction that changed it. */
export const getAdminTag = async (tx: Pick<Repos, 'tags'>, slug: string): Promise<TAdminTag> => {
  const tag = (await tx.tags.findAdminList()).find((t) => t.slug === slug);
  if (!tag) throw ERRORS.tagNotFound({ slug });
  return toAdminTag(tag);
};

/** Locks the tags named, in one order; a slug that names no tag is a 404 naming it. */
export const lockTags = async (tx: Pick<Repos, 'tags'>, slugs: string[]): Promise<TagRecord[]> => {
  const found = await tx.tags.lockBySlugs(slugs);
  return slugs.map((slug) => {
    const tag = found.find((t) => t.slug === slug);
    if (!tag) throw ERRORS.tagNotFound({ slug });
    return tag;
  });
};

/** Where a merged tag went: its slug is an alias of that tag now. */
export const findMergedInto = async (tx: Pick<Repos, 'tags'>, tag: TagRecord): Promise<string | null> => {
  if (tag.active) return null;
  const [owner] = (await tx.tags.resolve([tag.slug], { activeOnly: false })).filter((t) => t.id !== tag.id);
  return owner?.slug ?? null;
};

/** Admin edits of the vocabulary change what the Community finds, so they join the moderation log. */
export const tagLogEntry = (
  adminId: number,
  tag: TagRecord,
  action: string,
  details: Record<string, unknown>,
  at: Date,
): NewModerationLogEntry => ({
  actorUserId: adminId,
  action,
  targetKind: 'tag',
  targetId: tag.id,
  reason: null,
  details: { slug: tag.slug, ...details },
  createdAt: at,
});
