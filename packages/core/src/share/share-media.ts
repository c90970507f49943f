import type { CoreDeps } from '../deps';
import type { TShareOptions, TShareResult } from '../schemas/share';
import { applyShare } from './apply-share';
import { shareFailure, withShareErrors } from './share-errors';

/** `POST /api/media/:id/share`: a share link, and optionally a place in the Community feed. */
export const shareMedia = async (
  deps: CoreDeps,
  { userId, mediaId, options }: { userId: number; mediaId: number; options: TShareOptions },
): Promise<TShareResult> =>
  withShareErrors(deps, shareFailure(options.shareToCommunity), () => applyShare(deps, { userId, mediaId, options }));
