import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TAdminTag, TUpdateTagInput } from '../schemas/tags';
import { findMergedInto, getAdminTag, lockTags, tagLogEntry } from './admin-tag';

/**
 * `PATCH /api/admin/tags/:slug`: a new label, or the tag (de)activated. The slug stays: it is the name
 * in links, feeds and the vocabulary file; a different slug is a merge into another tag.
 */
export const updateTag = async (
  { db, now }: Pick<CoreDeps, 'db' | 'now'>,
  { adminId, slug, changes }: { adminId: number; slug: string; changes: TUpdateTagInput },
): Promise<TAdminTag> =>
  db.transaction(async (tx) => {
    const [tag] = await lockTags(tx, [slug]);
    const { label, active } = changes;
    if (active === true && !tag!.active) {
      // Active again, its slug would name an empty tag and stop finding the items it was merged with.
      const mergedInto = await findMergedInto(tx, tag!);
      if (mergedInto) throw ERRORS.tagMerged({ slug, into: mergedInto });
    }
    const at = now();
    if (label !== undefined && label !== tag!.label) {
      await tx.tags.update(tag!.id, { label });
      await tx.moderation.log(tagLogEntry(adminId, tag!, 'tag_renamed', { from: tag!.label, to: label }, at));
    }
    if (active !== undefined && active !== tag!.active) {
      await tx.tags.update(tag!.id, { active });
      await tx.moderation.log(tagLogEntry(adminId, tag!, active ? 'tag_reactivated' : 'tag_deactivated', {}, at));
    }
    return getAdminTag(tx, slug);
  });
