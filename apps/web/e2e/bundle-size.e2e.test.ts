import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
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

it('writes a brotli and a gzip copy beside every script and stylesheet a first visit loads', () => {
  const dist = path.join(WEB_ROOT, 'dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
  expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
  let plain = 0;
  let brotli = 0;
  for (const asset of assets) {
    const file = path.join(dist, asset);
    const original = readFileSync(file);
    // Files under the plugin's 1 kB threshold are left alone; anything bigger has both copies, decoding to itself.
    if (original.length <= 1024) continue;
    expect(existsSync(`${file}.br`), `${asset}.br`).toBe(true);
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(original)).toBe(true);
    expect(gunzipSync(readFileSync(`${file}.gz`)).equals(original)).toBe(true);
    plain += original.length;
    brotli += readFileSync(`${file}.br`).length;
  }
  console.log(`first visit: ${plain} bytes of scripts and styles, ${brotli} bytes as brotli (${(brotli / plain).toFixed(2)})`);
  expect(brotli).toBeLessThan(plain / 2);
});
