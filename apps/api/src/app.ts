import { ACCESS, authorize, ERRORS } from '@mediashare/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './deps';
import { identifyRequestCaller, identifyServiceCaller } from './http/caller';
import { errorResponse } from './http/errors';
import { originGuard } from './http/origin-guard';
import { requestContext } from './http/request-context';
import { bodyTooLarge, JSON_BODY_LIMIT } from './http/validate';
import { authRoutes } from './rest/auth';
import { communityRoutes } from './rest/community';
import { configRoutes } from './rest/config';
import { docsRoutes } from './rest/docs';
import { healthRoutes } from './rest/health';
import { internalRoutes } from './rest/internal';
import { mediaRoutes } from './rest/media';
import { publicStorageRoutes } from './rest/public-storage';
import { shareRoutes } from './rest/share';
import { sharedRoutes } from './rest/shared';
import { tagRoutes } from './rest/tags';
import { tokenRoutes } from './rest/tokens';
import { spaRoutes } from './spa';
import { trpcHandler } from './trpc/handler';
import { appRouter } from './trpc/router';

export interface AppOptions {
  /** Where the built web app is; defaults to apps/web/dist. */
  webDistDir?: string;
}

/**
 * The whole HTTP surface. Order matters: request context first (ids, logging), then the origin check
 * before anything reads a cookie, then the session, and the SPA last so API paths never fall into it.
 */
export const createApp = (deps: AppDeps, options: AppOptions = {}) => {
  const app = new Hono<AppEnv>();

  app.use('*', requestContext(deps));
  app.use('*', secureHeaders({ crossOriginResourcePolicy: false, crossOriginEmbedderPolicy: false }));

  app.route('/healthz', healthRoutes);
  app.route('/storage/v1/object/public', publicStorageRoutes);

  app.use('/api/*', originGuard());
  // Internal apps are a sub-app of their own, with their own caller (the service token) and no JSON limit.
  app.route('/api/internal', new Hono<AppEnv>().use('*', identifyServiceCaller()).route('/', internalRoutes));
  // Uploads stream and have their own limit; every other body is small JSON.
  const tooLarge = () => {
    throw bodyTooLarge();
  };
  const countingLimit = bodyLimit({ maxSize: JSON_BODY_LIMIT, onError: tooLarge });
  app.use('/api/*', async (c, next) => {
    if (c.req.path === '/api/user/media') return next();
    // A body with a Content-Length is judged by it, without touching the stream: Hono's bodyLimit would
    // first build a fetch Request around the Node request, which costs more than the rest of a small
    // request. Chunked bodies go through bodyLimit, which counts what arrives.
    const length = c.req.header('content-length');
    const chunked = c.req.header('transfer-encoding') !== undefined;
    if (length !== undefined && !chunked) {
      if (Number.parseInt(length, 10) > JSON_BODY_LIMIT) tooLarge();
      return next();
    }
    // On the Node server a request with neither header has no body; a Request handed to app.request()
    // may have one without saying its length.
    if (!chunked && (c.env as { incoming?: unknown } | undefined)?.incoming) return next();
    return countingLimit(c, next);
  });
  app.use('/api/*', identifyRequestCaller());
  // Bad credentials are refused on every route; each route asks the policy for what else it needs.
  app.use('/api/*', async (c, next) => {
    authorize(c.get('caller'), ACCESS.public);
    return next();
  });

  app.route('/api/auth', authRoutes);
  app.route('/api', shareRoutes);
  app.route('/api/shared/media', sharedRoutes);
  app.route('/api/user/media', mediaRoutes);
  app.route('/api/user/tokens', tokenRoutes);
  app.route('/api/tags', tagRoutes);
  app.route('/api/config', configRoutes);
  app.route('/api/community', communityRoutes);
  app.route('/api', docsRoutes(deps.env.PUBLIC_URL, deps.env.SESSION_COOKIE_NAME));
  app.all('/api/*', () => {
    throw ERRORS.routeNotFound();
  });

  // tRPC answers bad credentials in its own error format, from the procedures (see trpc/init.ts).
  app.use('/trpc/*', originGuard(), identifyRequestCaller());
  app.use('/trpc/*', trpcHandler(appRouter));

  app.route('/', spaRoutes(options.webDistDir ?? deps.env.WEB_DIST_DIR));
  app.notFound((c) => errorResponse(c, ERRORS.routeNotFound()));
  app.onError((error, c) => errorResponse(c, error));
  return app;
};

export type App = ReturnType<typeof createApp>;
