import { StorageNotFoundError } from '../ports/storage';
import { isAppError, type AppError } from './app-error';
import { ERRORS } from './catalog';

/** Whatever was thrown, as the AppError a client should see. Unknown errors hide their details. */
export const toAppError = (error: unknown): AppError => {
  if (isAppError(error)) return error;
  if (error instanceof StorageNotFoundError) return ERRORS.notFound({ cause: error });
  return ERRORS.internal({ cause: error });
};
