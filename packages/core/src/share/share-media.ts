import type { CoreDeps } from '../deps';
import type { TShareOptions, TShareResult } from '../schemas/share';
import { applyShare, type ShareRequest } from './apply-share';
import { shareFailure, withShareErrors } from './share-errors';

/** `POST /api/media/:id/share`: a share link, and optionally a place in the Community feed. */
export const shareMedia = async (
  deps: CoreDeps,
  { userId, mediaId, options, reqId }: { userId: number; mediaId: number; options: TShareOptions } & ShareRequest,
): Promise<TShareResult> =>
  withShareErrors(deps, shareFailure(options.shareToCommunity), () => applyShare(deps, { userId, mediaId, options, reqId }));
