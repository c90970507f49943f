import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from './deps';

// This file sits at apps/api/src/spa.ts and is bundled into apps/api/dist/main.js: either way the web
// app's build is two levels up.
const DEFAULT_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The pages the SPA owns; the server answers them with index.html so pasted links work. */
const SPA_ROUTES = [/^\/$/, /^\/login\/?$/, /^\/register\/?$/, /^\/community\/?$/, /^\/vault\/?$/, /^\/shared\/media\/[^/]+\/?$/];

export const spaRoutes = (distDir = DEFAULT_DIST) => {
  const root = path.resolve(distDir);
  const indexFile = path.join(root, 'index.html');
  const app = new Hono<AppEnv>();
  if (!existsSync(indexFile)) {
    app.get('/', (c) => c.text('The web app is not built. Run `pnpm start` (it builds) or `pnpm build`.', 503));
    return app;
  }
  const indexHtml = readFileSync(indexFile, 'utf8');

  app.get(
    '/assets/*',
    serveStatic({
      root,
      // Vite puts a content hash in every asset name: a changed file is a new URL.
      onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  app.get('*', async (c, next) => {
    if (!SPA_ROUTES.some((route) => route.test(c.req.path))) return next();
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  });
  app.get('*', serveStatic({ root, onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=3600') }));
  return app;
};
