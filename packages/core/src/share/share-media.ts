import type { CoreDeps } from '../deps';
import { getOwnedMedia } from '../media/get-media';
import type { TShareOptions, TShareResult } from '../schemas/share';
import { applyShare } from './apply-share';
import { shareFailure, withShareErrors } from './share-errors';
import { validateShare } from './validate-share';

/** `POST /api/media/:id/share`: a share link, and optionally a place in the Community feed. */
export const shareMedia = async (
  deps: CoreDeps,
  { userId, mediaId, options }: { userId: number; mediaId: number; options: TShareOptions },
): Promise<TShareResult> =>
  withShareErrors(deps, shareFailure(options.shareToCommunity), async () => {
    // A link-only share needs nothing of the item before its locked step, which checks ownership;
    // a community share first learns the item's source, which decides what the request must carry.
    const share = options.shareToCommunity
      ? await validateShare(deps, (await getOwnedMedia(deps, userId, mediaId)).source, options)
      : await validateShare(deps, 'upload', options);
    return applyShare(deps, { userId, mediaId, share });
  });
