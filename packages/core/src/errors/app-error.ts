/** The HTTP statuses domain errors answer with; each transport derives its own code from the status. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 410 | 413 | 415 | 422 | 429 | 431 | 500 | 501 | 503;

export interface AppErrorInit {
  /** Stable and transport-independent: the catalog key (`mediaNotFound`). Logged, never shown. */
  code: string;
  status: ErrorStatus;
  /** Shown to the user as is. */
  message: string;
  /** Fields answered beside `message`: REST body fields, tRPC `error.data` fields. */
  body?: Readonly<Record<string, unknown>>;
  /** Response headers, such as Retry-After. */
  headers?: Readonly<Record<string, string>>;
  cause?: unknown;
}

/**
 * The one error type domain code throws. It is made by the catalog (`ERRORS` in ./catalog.ts), never by
 * hand, and mapped once per transport: apps/api/src/http/errors.ts and apps/api/src/trpc/errors.ts.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: ErrorStatus;
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor({ code, status, message, body = {}, headers = {}, cause }: AppErrorInit) {
    super(message, { cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
