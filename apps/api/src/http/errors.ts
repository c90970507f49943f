import { AppError, isAppError, type AppErrorCode } from '@mediashare/core';
import { StorageNotFoundError } from '@mediashare/core';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../deps';

/** The one table from domain error codes to tRPC codes; HTTP statuses live on AppError itself. */
export const TRPC_CODES: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  UNPROCESSABLE_CONTENT: 'UNPROCESSABLE_CONTENT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

/** Whatever was thrown, as the AppError a client should see. Unknown errors hide their details. */
export const toAppError = (error: unknown): AppError => {
  if (isAppError(error)) return error;
  if (error instanceof StorageNotFoundError) return new AppError('NOT_FOUND', 'Not found');
  if (error instanceof HTTPException) {
    const code = (Object.keys(TRPC_CODES) as AppErrorCode[]).find((k) => new AppError(k, '').status === error.status);
    return new AppError(code ?? 'BAD_REQUEST', error.message || 'Bad request');
  }
  return new AppError('INTERNAL_SERVER_ERROR', 'Internal server error', { cause: error });
};

/** REST answers errors as `{ "message": ... }` with the status, as the API documentation shows. */
export const errorResponse = (c: Context<AppEnv>, error: unknown): Response => {
  const appError = toAppError(error);
  const logger = c.get('deps').logger;
  // Expected failures are part of normal traffic; only the unexpected deserve an error line.
  if (appError.status >= 500) logger.error({ err: error }, 'request failed');
  else logger.info({ status: appError.status, message: appError.message }, 'request refused');
  if (appError.retryAfter !== undefined) c.header('Retry-After', String(appError.retryAfter));
  return c.json({ message: appError.message }, appError.status as ContentfulStatusCode);
};
