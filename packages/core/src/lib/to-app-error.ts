import { StorageNotFoundError } from '../ports/storage';
import { ERRORS, isAppError, type AppError } from '../errors';

/** Whatever was thrown, as the AppError a client should see. Unknown errors hide their details. */
export const toAppError = (error: unknown): AppError => {
  if (isAppError(error)) return error;
  if (error instanceof StorageNotFoundError) return ERRORS.notFound({ cause: error });
  return ERRORS.internal({ cause: error });
};
