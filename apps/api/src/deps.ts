import type { Caller, CoreDeps } from '@mediashare/core';
import type { Env } from './env';
import type { Logger } from './logger';
import type { Metrics } from './metrics/metrics';

/** Everything a request handler can reach: the core deps plus the API's own configuration. */
export interface AppDeps extends CoreDeps {
  env: Env;
  logger: Logger;
  /** Present when METRICS_TOKEN is set (GET /metrics). */
  metrics?: Metrics | undefined;
}

/** Hono's typed context variables, set by the middleware in app.ts. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    reqId: string;
    /** Who is calling (http/caller.ts); what they may do is the policy's decision (authorize in core). */
    caller: Caller;
    /** Hash of the session cookie's token, when the request carried a well-formed one. */
    sessionId: string | undefined;
  };
}
