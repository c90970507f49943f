import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';

// A web build as Vite writes it: hashed assets, each script and stylesheet beside its .br and .gz.
const SCRIPT = `export const greeting = ${JSON.stringify('hello from the app '.repeat(200))};\n`;
const STYLE = `body { color: #222; }\n${'.card { margin: 0 auto; }\n'.repeat(100)}`;

let h: Harness;
let webDir: string;

beforeAll(async () => {
  webDir = await mkdtemp(path.join(tmpdir(), 'mediashare-assets-'));
  await mkdir(path.join(webDir, 'assets'));
  await writeFile(path.join(webDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  const assets: [string, string][] = [
    ['index-AbC123.js', SCRIPT],
    ['index-AbC123.css', STYLE],
  ];
  for (const [name, text] of assets) {
    const file = path.join(webDir, 'assets', name);
    await writeFile(file, text);
    await writeFile(`${file}.br`, brotliCompressSync(text));
    await writeFile(`${file}.gz`, gzipSync(text));
  }
  // Only the plain file: an asset the build did not compress (below its threshold).
  await writeFile(path.join(webDir, 'assets', 'tiny-Xyz789.js'), 'export {};\n');
  h = await createHarness({ webDistDir: webDir });
});
afterAll(async () => {
  await h.close();
  await rm(webDir, { recursive: true, force: true });
});

const get = (file: string, acceptEncoding?: string) =>
  call(h.app, `/assets/${file}`, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

describe('the built scripts and stylesheets', () => {
  it('are served brotli-compressed to a browser that accepts it, byte-identical once decoded', async () => {
    const res = await get('index-AbC123.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
    const body = Buffer.from(await res.raw.arrayBuffer());
    expect(body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 4);
    expect(brotliDecompressSync(body).toString('utf8')).toBe(SCRIPT);
  });

  it('fall back to gzip, then to the plain file, by what the client accepts', async () => {
    const gz = await get('index-AbC123.css', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('content-type')).toMatch(/^text\/css/);
    expect(gunzipSync(Buffer.from(await gz.raw.arrayBuffer())).toString('utf8')).toBe(STYLE);

    const plain = await get('index-AbC123.css');
    expect(plain.headers.get('content-encoding')).toBeNull();
    // The plain answer names the header it depends on too, so a shared cache keeps the variants apart.
    expect(plain.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(await plain.raw.text()).toBe(STYLE);
  });

  it('are cached for a year as immutable: a changed file has a new hashed name', async () => {
    for (const res of [await get('index-AbC123.js', 'br'), await get('index-AbC123.js'), await get('tiny-Xyz789.js', 'br')]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('serve a file without a compressed copy as it is', async () => {
    const res = await get('tiny-Xyz789.js', 'br, gzip');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.raw.text()).toBe('export {};\n');
  });

  it('answer a missing asset with a 404, compressed copy or not', async () => {
    const missing = await get('nope-000000.js', 'br');
    expect(missing.status).toBe(404);
  });
});
