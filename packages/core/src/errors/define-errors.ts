import { AppError, type ErrorStatus } from './app-error';

/** How one error of the catalog is made; the functions take the error's parameters, if it has any. */
export interface ErrorSpec {
  status: ErrorStatus;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry names its own parameters
  message: string | ((params: any) => string);
  /** Fields answered beside `message` (`{ "message": "Password required", "passwordRequired": true }`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body?: (params: any) => Record<string, unknown>;
  /** Response headers (`Retry-After`, `RateLimit-*`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  headers?: (params: any) => Record<string, string>;
}

type ParamsOf<S> = S extends { message: (params: infer P) => string }
  ? P
  : S extends { body: (params: infer P) => unknown }
    ? P
    : S extends { headers: (params: infer P) => unknown }
      ? P
      : void;

type HasNoParams<P> = unknown extends P ? true : [P] extends [void] ? true : false;

/** What a client receives for an error: the message and the extra fields. */
export type ErrorAnswer = { message: string } & Record<string, unknown>;

interface Cause {
  /** The underlying failure, kept for the log, never shown. */
  cause?: unknown;
}

export type ErrorFactory<P> = (HasNoParams<P> extends true ? (options?: Cause) => AppError : (params: P & Cause) => AppError) & {
  readonly code: string;
  readonly status: ErrorStatus;
  /** The answer a client gets, for documentation and tests. */
  readonly answer: HasNoParams<P> extends true ? () => ErrorAnswer : (params: P) => ErrorAnswer;
};

export type ErrorCatalog<T extends Record<string, ErrorSpec>> = { readonly [K in keyof T]: ErrorFactory<ParamsOf<T[K]>> };

/** Turns specs into factories: `ERRORS.tooManyTags({ given, max })` makes the AppError, keyed by its code. */
export const defineErrors = <T extends Record<string, ErrorSpec>>(specs: T): ErrorCatalog<T> => {
  const factory = (code: string, spec: ErrorSpec) => {
    const answer = (params: unknown): ErrorAnswer => ({
      message: typeof spec.message === 'string' ? spec.message : spec.message(params),
      ...spec.body?.(params),
    });
    const make = ({ cause, ...params }: Cause & Record<string, unknown> = {}) => {
      const { message, ...body } = answer(params);
      return new AppError({ code, status: spec.status, message, body, headers: spec.headers?.(params) ?? {}, cause });
    };
    return Object.assign(make, { code, status: spec.status, answer });
  };
  return Object.fromEntries(Object.entries(specs).map(([code, spec]) => [code, factory(code, spec)])) as ErrorCatalog<T>;
};
