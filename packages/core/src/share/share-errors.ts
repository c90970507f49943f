import type { CoreDeps } from '../deps';
import { AppError, isAppError, MESSAGES } from '../errors';

/**
 * Unexpected failures (storage down, database gone) answer with the documented 500 messages:
 * "Failed to create share link" for a link-only share, "Failed to share media" otherwise.
 */
export const withShareErrors = async <T>(deps: Pick<CoreDeps, 'logger'>, message: string, fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (error) {
    if (isAppError(error)) throw error;
    deps.logger.error({ err: error }, message);
    throw new AppError('INTERNAL_SERVER_ERROR', message, { cause: error });
  }
};

export const shareFailureMessage = (shareToCommunity: boolean) =>
  shareToCommunity ? MESSAGES.shareFailed : MESSAGES.shareLinkFailed;
