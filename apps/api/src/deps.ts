import type { CoreDeps } from '@mediashare/core';
import type { AppError, TTokenScope, UserRecord } from '@mediashare/core';
import type { Env } from './env';
import type { Logger } from './logger';

/** Everything a request handler can reach: the core deps plus the API's own configuration. */
export interface AppDeps extends CoreDeps {
  env: Env;
  logger: Logger;
}

/** Hono's typed context variables, set by the middleware in app.ts. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    reqId: string;
    user: UserRecord | null;
    /** Hash of the session cookie's token, when the request carried a well-formed one. */
    sessionId: string | undefined;
    /** The scopes of the API token the request came with; undefined for cookie sessions. */
    tokenScopes: TTokenScope[] | undefined;
    /** Set when a bearer header was malformed or named no valid token (tRPC reports it per procedure). */
    authProblem: AppError | null;
  };
}
