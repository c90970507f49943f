import type { CoreDeps } from '../deps';
import { getOwnedMedia } from '../media/get-media';
import type { TShareOptions, TShareResult } from '../schemas/share';
import { applyShare } from './apply-share';
import { shareFailureMessage, withShareErrors } from './share-errors';
import { validateShare } from './validate-share';

/** `POST /api/media/:id/share`: a share link, and optionally a place in the Community feed. */
export const shareMedia = async (
  deps: CoreDeps,
  { userId, mediaId, options }: { userId: number; mediaId: number; options: TShareOptions },
): Promise<TShareResult> =>
  withShareErrors(deps, shareFailureMessage(options.shareToCommunity), async () => {
    const media = await getOwnedMedia(deps, userId, mediaId);
    const share = await validateShare(deps, media.source, options);
    return applyShare(deps, { userId, mediaId, share });
  });
