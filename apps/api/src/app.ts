import { ERRORS } from '@mediashare/core';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './deps';
import { identifyRequestCaller, identifyServiceCaller } from './http/caller';
import { contentSecurityPolicy } from './http/content-security-policy';
import { errorResponse } from './http/errors';
import { originGuard } from './http/origin-guard';
import { requestContext } from './http/request-context';
import { settleUnreadBody } from './http/unread-body';
import { countStorageErrors, timeImaging } from './metrics/instrument';
import { createMetrics } from './metrics/metrics';
import { docsAssets, getApiDocsRoute, getOpenApiDocumentRoute, openApiJson } from './rest/docs';
import { mountRoutes } from './rest/mount-routes';
import { apiRoutes, internalRoutes, platformRoutes } from './rest/routes';
import { spaRoutes } from './spa';
import { trpcHandler } from './trpc/handler';
import { trpcRequestGuard } from './trpc/request-guard';
import { appRouter } from './trpc/router';

export interface AppOptions {
  /** Where the built web app is; defaults to apps/web/dist. */
  webDistDir?: string;
  /** Hold every REST answer to its route's declaration (tests; see rest/mount-routes.ts). */
  validateResponses?: boolean;
}

/**
 * The whole HTTP surface. Order matters: request context first (ids, logging); internal apps, whose only
 * credential is the service token, before anything reads a cookie; then the origin check, before the
 * caller is identified from a cookie; the API's routes; and the SPA last so API paths never fall into it.
 */
export const createApp = (given: AppDeps, options: AppOptions = {}) => {
  const app = new Hono<AppEnv>();
  // With METRICS_TOKEN, every request is counted and timed, and so is the work behind the ports.
  const metrics = given.metrics ?? (given.env.METRICS_TOKEN ? createMetrics() : undefined);
  const deps: AppDeps = metrics
    ? {
        ...given,
        metrics,
        watermark: timeImaging(given.watermark, metrics),
        imaging: timeImaging(given.imaging, metrics),
        storage: countStorageErrors(given.storage, metrics),
      }
    : given;
  const procedures = new Set(Object.keys(appRouter._def.procedures));
  const mount = { validateResponses: options.validateResponses ?? false };
  // Built now so that a broken route declaration stops the server at start, not at the first request.
  openApiJson(deps.env);

  app.use('*', requestContext(deps, procedures));
  // Right after the context, so it sees every answer, refusals included, before it is sent.
  app.use('*', settleUnreadBody());
  app.use('*', secureHeaders({ crossOriginResourcePolicy: false, crossOriginEmbedderPolicy: false }));
  app.use('*', contentSecurityPolicy(deps.env));
  mountRoutes(app, platformRoutes, mount);

  const internal = new Hono<AppEnv>().use('/api/internal/*', identifyServiceCaller());
  mountRoutes(internal, internalRoutes, mount);
  app.route('/', internal);

  app.use('/api/*', originGuard(), identifyRequestCaller());
  mountRoutes(app, [...apiRoutes, getOpenApiDocumentRoute, getApiDocsRoute], mount);
  app.route('/api/docs', docsAssets);
  app.all('/api/*', () => {
    throw ERRORS.routeNotFound();
  });

  // tRPC answers bad credentials in its own error format, from the procedure tiers (see trpc/init.ts).
  // The request's shape (type, size, batch) is judged before the caller: refusing it costs no database work.
  app.use('/trpc/*', trpcRequestGuard());
  app.use('/trpc/*', originGuard(), identifyRequestCaller());
  app.use('/trpc/*', trpcHandler(appRouter));

  app.route('/', spaRoutes(options.webDistDir ?? deps.env.WEB_DIST_DIR));
  app.notFound((c) => errorResponse(c, ERRORS.routeNotFound()));
  app.onError((error, c) => errorResponse(c, error));
  return app;
};

export type App = ReturnType<typeof createApp>;
