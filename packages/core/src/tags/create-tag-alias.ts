import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TAdminTag } from '../schemas/tags';
import { findMergedInto, getAdminTag, lockTags, tagLogEntry } from './admin-tag';

/**
 * `POST /api/admin/tags/:slug/aliases`: another name for a tag. A name is one tag's only: a slug or
 * an alias already in use is a 409 naming its owner. `pnpm tags:sync` keeps admin aliases (see README).
 */
export const createTagAlias = async (
  { db, now }: Pick<CoreDeps, 'db' | 'now'>,
  { adminId, slug, alias }: { adminId: number; slug: string; alias: string },
): Promise<TAdminTag> =>
  db.transaction(async (tx) => {
    const [tag] = await lockTags(tx, [slug]);
    const mergedInto = await findMergedInto(tx, tag!);
    // Its items are elsewhere: an alias of it would find nothing.
    if (mergedInto) throw ERRORS.tagMerged({ slug, into: mergedInto });
    if (!(await tx.tags.addAlias(tag!.id, alias))) {
      const [owner] = await tx.tags.resolve([alias], { activeOnly: false });
      if (!owner || owner.slug === alias) throw ERRORS.tagAliasIsSlug({ alias });
      throw ERRORS.tagAliasTaken({ alias, slug: owner.slug });
    }
    await tx.moderation.log(tagLogEntry(adminId, tag!, 'tag_alias_added', { alias }, now()));
    return getAdminTag(tx, slug);
  });
