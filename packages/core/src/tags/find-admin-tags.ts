import type { CoreDeps } from '../deps';
import type { TAdminTagList } from '../schemas/tags';
import { toAdminTag } from './admin-tag';

/** `GET /api/admin/tags`: every tag, inactive and merged ones too, with aliases and counts. */
export const findAdminTags = async ({ db }: Pick<CoreDeps, 'db'>): Promise<TAdminTagList> => ({
  tags: (await db.tags.findAdminList()).map(toAdminTag),
});
