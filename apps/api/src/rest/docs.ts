import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ERRORS } from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';
import { createOpenApiDocument } from '../openapi/document';

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

export const docsRoutes = (serverUrl: string, cookieName: string) => {
  const document = JSON.stringify(createOpenApiDocument({ serverUrl, cookieName }));
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => c.body(document, 200, { 'content-type': 'application/json; charset=utf-8' }))
    .get('/docs', (c) => c.html(PAGE))
    .get('/docs/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/docs/:asset', async (c) => {
      const asset = c.req.param('asset');
      const type = ASSETS[asset];
      if (!type) throw ERRORS.routeNotFound();
      c.header('Cache-Control', 'public, max-age=86400');
      return c.body(await readFile(path.join(swaggerDir, asset)), 200, { 'content-type': type });
    });
};
