import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { shareUrlFor } from '../schemas/pages';
import type { TShareState } from '../schemas/share-links';
import { linkStateOf, toLinkSettings } from './link-access';

/** `GET /api/media/:id/share`: the item's sharing as the share dialog needs it to edit, not start over. */
export const getShareState = async (
  { db }: Pick<CoreDeps, 'db'>,
  { userId, mediaId }: { userId: number; mediaId: number },
): Promise<TShareState> => {
  const state = await db.media.findOwnedShareState(userId, mediaId);
  if (!state) throw ERRORS.mediaNotFound();
  const { media, community } = state;
  const tags = community ? (await db.community.tagSlugs(community.id)).sort() : [];
  const code = media.isShared ? media.shareCode : null;
  const link = code ? linkStateOf(await db.shareLinks.find(code)) : null;
  return {
    shareCode: code,
    shareUrl: code ? shareUrlFor(code) : null,
    shareToCommunity: media.shareToCommunity,
    tags,
    link: link ? toLinkSettings(link) : null,
    views: link ? link.views : null,
    title: community?.title ?? null,
    caption: community?.caption ?? null,
    altText: community?.altText ?? null,
    mature: community?.mature ?? false,
  };
};
