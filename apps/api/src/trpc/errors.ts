import { ERRORS, formatZodIssues, isAppError, logAppError, toAppError, type ErrorStatus, type Logger } from '@mediashare/core';
import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';

/** The tRPC code of each status the error catalog answers with. */
export const TRPC_CODES: Record<ErrorStatus, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'TIMEOUT',
  409: 'CONFLICT',
  // tRPC has no "gone": an expired or used-up link, or a removed item, is NOT_FOUND there, told apart by its message.
  410: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
  // Answered by the HTTP server before any procedure runs (http/client-error.ts); tRPC has no such code.
  431: 'BAD_REQUEST',
  500: 'INTERNAL_SERVER_ERROR',
  501: 'NOT_IMPLEMENTED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Whatever a procedure threw, as the TRPCError the client gets: the catalog's message under the code of
 * its status; anything unknown is a plain 500. A procedure the caller may not know exists (admin) is
 * refused exactly as tRPC refuses a path it does not have.
 */
export const toTRPCError = (error: unknown, path: string): TRPCError => {
  const found = toAppError(error);
  const appError = found.code === ERRORS.routeNotFound.code ? ERRORS.procedureNotFound({ path }) : found;
  return new TRPCError({ code: TRPC_CODES[appError.status], message: appError.message, cause: appError });
};

const hasIssues = (cause: unknown): cause is { issues: Parameters<typeof formatZodIssues>[0] } =>
  typeof cause === 'object' && cause !== null && Array.isArray((cause as { issues?: unknown }).issues);

/**
 * The error shape: input failures read the same as the REST adapter's 400s (one sentence naming the
 * field), and a catalog error's extra fields go into `data`. A batch shares one HTTP response, so a
 * Retry-After also goes into `data.retryAfter` (seconds).
 */
export const formatError = <S extends { message: string; data: object }>({ shape, error }: { shape: S; error: TRPCError }) => {
  const appError = isAppError(error.cause) ? error.cause : null;
  const retryAfter = appError?.headers['Retry-After'];
  return {
    ...shape,
    message: error.code === 'BAD_REQUEST' && hasIssues(error.cause) ? formatZodIssues(error.cause.issues) : shape.message,
    data: {
      ...shape.data,
      ...appError?.body,
      retryAfter: retryAfter === undefined ? undefined : Number(retryAfter),
      stack: undefined,
    },
  };
};

/** Response headers the failed calls of a request ask for (Retry-After and the like). */
export const errorHeaders = (errors: readonly TRPCError[]): Headers | undefined => {
  const headers = Object.assign({}, ...errors.map((e) => (isAppError(e.cause) ? e.cause.headers : {}))) as Record<string, string>;
  return Object.keys(headers).length > 0 ? new Headers(headers) : undefined;
};

/** One log line per failed call, at the level REST uses for the same status. */
export const logError = (logger: Logger, error: TRPCError, path: string | undefined) => {
  if (isAppError(error.cause)) return logAppError(logger, error.cause, { path });
  // tRPC's own refusals (input that fails its schema, a path it does not have) and unknown failures.
  const status = getHTTPStatusCodeFromError(error);
  if (status >= 500) logger.error({ path, code: error.code, err: error.cause ?? error }, 'request failed');
  else logger.info({ path, status, code: error.code, message: error.message }, 'request refused');
};
