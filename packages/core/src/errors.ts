/**
 * The one error type domain code throws. Transports map `code` to an HTTP status or a tRPC code in one
 * table each (see apps/api/src/http/errors.ts); `message` is shown to the user as is.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof ERROR_STATUS;

export interface AppErrorOptions {
  /** Seconds a client should wait before retrying (429, 503, some 409s). */
  retryAfter?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly retryAfter: number | undefined;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/** Messages the API documentation fixes word for word, and the ones every route shares. */
export const MESSAGES = {
  authRequired: 'Authentication required',
  invalidMediaId: 'Invalid media ID',
  mediaNotFound: 'Media not found',
  policyRequired: 'Policy confirmation is required for upload sharing',
  tagsRequired: 'At least one tag is required for upload sharing',
  shareLinkFailed: 'Failed to create share link',
  shareFailed: 'Failed to share media',
  sharedNotFound: 'Shared media not found',
  crossOrigin: 'Cross-origin request refused',
} as const;
