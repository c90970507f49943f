import { trpcServer } from '@hono/trpc-server';
import type { AnyTRPCRouter } from '@trpc/server';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps';
import { errorHeaders, logError } from './errors';
import type { TrpcContext } from './init';

/**
 * tRPC decodes the procedure path with decodeURIComponent and answers 500 when that throws (`/trpc/%ZZ`).
 * Such a path names no procedure: with its `%` signs escaped, tRPC answers the 404 it gives any unknown
 * path, in its own format.
 */
const escapeMalformedPath = (c: Context<AppEnv>) => {
  const url = new URL(c.req.raw.url);
  try {
    decodeURIComponent(url.pathname);
    return;
  } catch {
    url.pathname = url.pathname.replaceAll('%', '%25');
  }
  const raw = c.req.raw;
  c.req.raw = new Proxy(raw, {
    get: (target, property) => {
      if (property === 'url') return url.toString();
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
};

/** Serves a router at /trpc with the context every procedure tier expects and the one error mapping. */
export const trpcHandler = (router: AnyTRPCRouter): MiddlewareHandler<AppEnv> => {
  const serve = trpcServer({
    endpoint: '/trpc',
    router,
    createContext: ({ resHeaders }, c): TrpcContext => ({
      resHeaders,
      deps: c.get('deps'),
      caller: c.get('caller'),
      sessionId: c.get('sessionId'),
      hono: c,
    }),
    onError: ({ error, path, ctx }) => {
      if (ctx) logError((ctx as TrpcContext).deps.logger, error, path);
    },
    responseMeta: ({ errors }) => {
      const headers = errorHeaders(errors);
      return headers ? { headers } : {};
    },
  }) as MiddlewareHandler<AppEnv>;
  return (c, next) => {
    escapeMalformedPath(c);
    return serve(c, next);
  };
};
