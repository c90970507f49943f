import { trpcServer } from '@hono/trpc-server';
import type { AnyTRPCRouter } from '@trpc/server';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps';
import { errorHeaders, logError } from './errors';
import type { TrpcContext } from './init';

/** Serves a router at /trpc with the context every procedure tier expects and the one error mapping. */
export const trpcHandler = (router: AnyTRPCRouter): MiddlewareHandler<AppEnv> =>
  trpcServer({
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
