import type { TCommunityItem } from '../schemas/community';
import type { TSharedMedia } from '../schemas/share';

/** What a URL points at, once it is known to be live. */
export type EmbedTarget = { kind: 'community'; item: TCommunityItem } | { kind: 'share'; media: TSharedMedia };

/**
 * Why a live item must not be embedded on other sites, or null when it may be. Every embed and every
 * discovery link asks this one function: password-protected or expiring links and mature items add their
 * reasons here, so no path can embed what another path refuses.
 */
export const embedRefusal = (target: EmbedTarget): string | null => {
  // A content warning asks the viewer to choose; another site's page cannot ask for them.
  const isMature = target.kind === 'community' ? target.item.mature : target.media.mature;
  return isMature ? 'mature' : null;
};
