import { isAppError, type SweepResult } from '@mediashare/core';
import type { Context } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../deps';
import type { Metrics } from './metrics';

const TIMED_IMAGING = new Set(['watermark', 'makeRenditions', 'stripMetadata', 'probeVideo', 'perceptualHash']);
const STORAGE_READS_OF_MISSING = /not ?found/i;

const outcomeOf = (status: number) => (status < 400 ? 'ok' : status === 503 ? 'busy' : status < 500 ? 'refused' : 'failed');

/** The same port with every imaging call timed; other members pass through untouched. */
export const timeImaging = <T extends object>(port: T, metrics: Metrics): T =>
  new Proxy(port, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || !TIMED_IMAGING.has(key) || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const stop = metrics.imagingSeconds.startTimer({ operation: key });
        try {
          const result: unknown = await value.apply(target, args);
          stop({ outcome: 'ok' });
          return result;
        } catch (error) {
          stop({ outcome: 'failed' });
          throw error;
        }
      };
    },
  });

/** The same storage port, counting failed operations by name. */
export const countStorageErrors = <T extends object>(port: T, metrics: Metrics): T =>
  new Proxy(port, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error: unknown) => {
          const missing =
            (isAppError(error) && error.status === 404) || STORAGE_READS_OF_MISSING.test((error as Error)?.name ?? '');
          if (!missing) metrics.storageErrors.inc({ operation: key });
          throw error;
        });
      };
    },
  });

const SHARE_ROUTES = new Set([
  'POST /api/media/:id/share',
  'DELETE /api/media/:id/share',
  'POST /api/user/media/share',
  'POST share.create',
  'POST share.delete',
  'POST share.byPath',
]);

/**
 * The label of what answered: the route pattern as mounted, or for tRPC the procedure when the router
 * has it (a batch, or a name it does not know, is `/trpc/*`: labels must not be made by clients).
 */
const routeOf = (c: Context<AppEnv>, procedures: ReadonlySet<string>) => {
  const pattern = routePath(c);
  if (pattern !== '/trpc/*') return pattern;
  const name = decodeURIComponent(c.req.path.slice('/trpc/'.length));
  return procedures.has(name) ? name : pattern;
};

/** One request's figures, recorded once its response is ready. */
export const recordRequest = (c: Context<AppEnv>, metrics: Metrics, procedures: ReadonlySet<string>, seconds: number) => {
  const route = routeOf(c, procedures);
  const labels = { method: c.req.method, route, status: String(c.res.status) };
  metrics.requests.inc(labels);
  metrics.requestSeconds.observe(labels, seconds);
  if (SHARE_ROUTES.has(`${c.req.method} ${route}`)) metrics.shares.inc({ operation: route, outcome: outcomeOf(c.res.status) });
};

export const recordSweep = (metrics: Metrics, result: SweepResult | undefined) => {
  metrics.sweeps.inc({ outcome: result ? 'ran' : 'skipped' });
  if (!result) return;
  for (const [kind, count] of Object.entries(result)) if (count > 0) metrics.sweptObjects.inc({ result: kind }, count);
};
