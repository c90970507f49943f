import { DatabaseUnavailableError } from '../ports/database';
import { InvalidKeyError, StorageError, StorageNotFoundError } from '../ports/storage';
import { ERRORS, isAppError, type AppError } from '../errors';

/** A dependency that did not answer (storage or database), as opposed to a bug or bad data. */
export const isOutage = (error: unknown): boolean =>
  error instanceof DatabaseUnavailableError ||
  (error instanceof StorageError && !(error instanceof StorageNotFoundError) && !(error instanceof InvalidKeyError));

/** Whatever was thrown, as the AppError a client should see. Unknown errors hide their details. */
export const toAppError = (error: unknown): AppError => {
  if (isAppError(error)) return error;
  if (error instanceof StorageNotFoundError) return ERRORS.notFound({ cause: error });
  if (error instanceof DatabaseUnavailableError) return ERRORS.databaseUnavailable({ cause: error });
  if (isOutage(error)) return ERRORS.storageUnavailable({ cause: error });
  return ERRORS.internal({ cause: error });
};
