import type { CoreDeps } from '../deps';
import { ERRORS, isAppError, type ErrorFactory } from '../errors';
import { isOutage, toAppError } from '../lib/to-app-error';

/**
 * Unexpected failures (storage down, database gone) answer with the documented 500 messages:
 * "Failed to create share link" for a link-only share, "Failed to share media" otherwise. Routes the
 * documentation does not fix (`passOutages`) answer an outage with its 503 and Retry-After instead.
 */
export const withShareErrors = async <T>(
  deps: Pick<CoreDeps, 'logger'>,
  failure: ErrorFactory<void>,
  fn: () => Promise<T>,
  { passOutages = false }: { passOutages?: boolean } = {},
): Promise<T> => {
  try {
    return await fn();
  } catch (error) {
    if (isAppError(error)) throw error;
    if (passOutages && isOutage(error)) throw toAppError(error);
    const appError = failure({ cause: error });
    deps.logger.error({ err: error }, appError.message);
    throw appError;
  }
};

export const shareFailure = (shareToCommunity: boolean) => (shareToCommunity ? ERRORS.shareFailed : ERRORS.shareLinkFailed);
