import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../deps';
import { withRequestScope } from '../logger';

const INCOMING_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * First in the chain: gives the request its deps and an id (the caller's X-Request-Id when sane), runs
 * the rest inside a log scope carrying that id, and writes one access line when the response is ready.
 */
export const requestContext =
  (deps: AppDeps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const reqId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    c.set('deps', deps);
    c.set('reqId', reqId);
    c.set('user', null);
    c.set('sessionId', undefined);
    c.set('tokenScopes', undefined);
    c.set('authProblem', null);
    return withRequestScope(reqId, async () => {
      const started = performance.now();
      await next();
      c.header('X-Request-Id', reqId);
      deps.logger.info(
        { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
        'request',
      );
    });
  };
