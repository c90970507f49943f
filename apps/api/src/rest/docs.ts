import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ACCESS, ERRORS } from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';
import type { Env } from '../env';
import { defineRoute, plain, type Route } from './define-route';
import { createOpenApiDocument } from './openapi-document';
import { apiRoutes, internalRoutes, platformRoutes } from './routes';

// Swagger UI's files come from the swagger-ui-dist package on this server: the docs page needs no CDN.
const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>mediashare API</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="docs"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>
`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true });\n`;

const documents = new Map<string, string>();

/** The document as served, built once per server URL and cookie name. */
export const openApiJson = (env: Pick<Env, 'PUBLIC_URL' | 'PUBLIC_URL_IS_SET' | 'SESSION_COOKIE_NAME'>): string => {
  // A guessed PUBLIC_URL (localhost) would send "Try it" to the wrong host; unset, the server is relative.
  const serverUrl = env.PUBLIC_URL_IS_SET ? env.PUBLIC_URL : undefined;
  const key = `${serverUrl} ${env.SESSION_COOKIE_NAME}`;
  let json = documents.get(key);
  if (json === undefined) {
    json = JSON.stringify(openApiDocument({ serverUrl, cookieName: env.SESSION_COOKIE_NAME }));
    documents.set(key, json);
  }
  return json;
};

export const getOpenApiDocumentRoute = defineRoute({
  method: 'get',
  path: '/api/openapi.json',
  operationId: 'getOpenApiDocument',
  tag: 'Operations',
  summary: 'This document',
  description:
    'The OpenAPI 3.1 document of this API, generated from the route declarations the server runs. Point a client generator at it; its operationIds are stable.',
  access: ACCESS.public,
  outages: 'none',
  responses: { 200: plain('OpenAPI 3.1') },
  handler: ({ c, deps }) => c.body(openApiJson(deps.env), 200, { 'content-type': 'application/json; charset=utf-8' }),
});

export const getApiDocsRoute = defineRoute({
  method: 'get',
  path: '/api/docs',
  operationId: 'getApiDocs',
  tag: 'Operations',
  summary: 'Interactive documentation of this API',
  description:
    'Swagger UI for this document, served from this server (no CDN). "Try it" calls this server with the browser\'s session.',
  access: ACCESS.public,
  outages: 'none',
  responses: { 200: plain('HTML') },
  handler: ({ c }) => c.html(PAGE),
});

/** Every route the document describes, in the order it lists them. */
export const documentedRoutes: readonly Route[] = [
  ...apiRoutes,
  ...internalRoutes,
  ...platformRoutes,
  getOpenApiDocumentRoute,
  getApiDocsRoute,
];

export const openApiDocument = ({ serverUrl, cookieName }: { serverUrl?: string; cookieName: string }) =>
  createOpenApiDocument({ serverUrl, cookieName, routes: documentedRoutes });

/** Swagger UI's own files, under /api/docs/: part of the docs page, not of the API. */
export const docsAssets = new Hono<AppEnv>()
  .get('/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
  .get('/:asset', async (c) => {
    const asset = c.req.param('asset');
    const type = ASSETS[asset];
    if (!type) throw ERRORS.routeNotFound();
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(await readFile(path.join(swaggerDir, asset)), 200, { 'content-type': type });
  });
