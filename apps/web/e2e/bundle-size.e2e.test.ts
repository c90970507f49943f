import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { WEB_ROOT } from './support/paths';

const BUDGET_BYTES = 200 * 1000;

it('keeps the JavaScript a first visit downloads within 200 kB gzipped', () => {
  const dist = path.join(WEB_ROOT, 'dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  // What the page loads before it can render: its entry script and the chunks Vite preloads with it.
  const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  );
  expect(scripts.length).toBeGreaterThan(0);
  const gzipped = scripts.reduce((sum, src) => sum + gzipSync(readFileSync(path.join(dist, src))).length, 0);
  expect(gzipped).toBeLessThan(BUDGET_BYTES);
});
