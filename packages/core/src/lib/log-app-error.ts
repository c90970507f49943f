import type { Logger } from '../ports/logger';
import type { AppError } from '../errors';

/**
 * One line per failed request, the same on every transport: refusals (4xx) are part of normal traffic and
 * log at info; failures (5xx) at error, with the underlying cause.
 */
export const logAppError = (logger: Logger, error: AppError, context: Record<string, unknown> = {}) => {
  if (error.status >= 500) logger.error({ ...context, code: error.code, err: error.cause ?? error }, 'request failed');
  else logger.info({ ...context, status: error.status, code: error.code, message: error.message }, 'request refused');
};
