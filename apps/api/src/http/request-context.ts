import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../deps';
import { recordRequest } from '../metrics/instrument';

const ANONYMOUS = { kind: 'anonymous' } as const;
const INCOMING_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * First in the chain: gives the request an id (the caller's X-Request-Id when sane) and its own deps,
 * whose logger carries that id, so every line written for the request has it, however deep the code
 * that writes it. (A child logger per request, rather than AsyncLocalStorage, which on Node 20 taxes
 * every promise the request creates.) Writes one access line when the response is ready.
 */
export const requestContext =
  (deps: AppDeps, procedures: ReadonlySet<string> = new Set()): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const reqId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    const logger = deps.logger.child({ reqId });
    c.set('deps', { ...deps, logger });
    c.set('reqId', reqId);
    c.set('caller', ANONYMOUS);
    c.set('sessionId', undefined);
    const started = performance.now();
    await next();
    // Onto the finished response's headers: c.header() at this point would rebuild the response (on the
    // Node server, as a whole fetch Response with its body stream). A response whose headers cannot
    // change (one passed through from fetch) is rebuilt after all.
    try {
      c.res.headers.set('X-Request-Id', reqId);
    } catch {
      c.header('X-Request-Id', reqId);
    }
    const ms = performance.now() - started;
    logger.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(ms) }, 'request');
    if (deps.metrics) recordRequest(c, deps.metrics, procedures, ms / 1000);
  };
