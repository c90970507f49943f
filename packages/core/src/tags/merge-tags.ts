import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TMergeTagResult } from '../schemas/tags';
import { findMergedInto, getAdminTag, lockTags, tagLogEntry } from './admin-tag';

/**
 * `POST /api/admin/tags/:slug/merge`: every item of the tag moves to `into` (an item with both keeps
 * one), its aliases follow, and its slug becomes an alias of `into`, so links, shares and feed filters
 * that name it find the items where they are now. The same move `pnpm tags:sync` makes for `mergeInto`.
 */
export const mergeTags = async (
  { db, now }: Pick<CoreDeps, 'db' | 'now'>,
  { adminId, slug, into }: { adminId: number; slug: string; into: string },
): Promise<TMergeTagResult> => {
  if (slug === into) throw ERRORS.tagMergeIntoSelf();
  return db.transaction(async (tx) => {
    const [from, target] = await lockTags(tx, [slug, into]);
    const mergedInto = await findMergedInto(tx, from!);
    if (mergedInto) throw ERRORS.tagMerged({ slug, into: mergedInto });
    if (!target!.active) throw ERRORS.tagMergeIntoInactive({ slug: into });
    const moved = await tx.tags.merge(from!.id, target!.id);
    await tx.moderation.log(tagLogEntry(adminId, from!, 'tag_merged', { into, intoId: target!.id, moved }, now()));
    return { moved, tag: await getAdminTag(tx, into) };
  });
};
