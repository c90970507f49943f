import type { Browser, Page } from 'playwright-core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { startServer, type Server } from './support/server';

/** Under the server's limit, so the page sends them; far over the 8 MB the server reads after refusing. */
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const FILLER = 12 * 1024 * 1024;

let server: Server;
let browser: Browser;
let page: Page;
const folders: string[] = [];

beforeAll(async () => {
  server = await startServer({ MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES), MAX_IMAGE_PIXELS: '1000000' });
  browser = await launchChromium();
  page = await (await browser.newContext({ baseURL: server.url })).newPage();
  const username = `refused${Date.now().toString(36)}`;
  await page.goto('/register');
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.test`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Your vault' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** The front of a PNG whose header says `width` x `height`: all the server reads before refusing it. */
const pngHead = (width: number, height: number) => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const body = Buffer.concat([Buffer.from('IHDR'), ihdr]);
  const chunk = Buffer.alloc(8 + 13 + 4);
  chunk.writeUInt32BE(13, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), 21);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk]);
};

/** Three ordinary requests from the page after the refusal: each must get its answer. */
const threeOrdinaryRequests = () =>
  page.evaluate(async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch('/api/auth/me')).status);
    return statuses;
  });

describe('an upload the server refuses from its first bytes, in Chromium', () => {
  it.each([
    ['a page renamed .png (415)', async () => Buffer.from('<!doctype html><html>not an image</html>'), /Unsupported file type/],
    ['an image over the pixel limit (422)', async () => pngHead(2000, 1000), /2000x1000; the limit is 1000000 pixels/],
  ] as const)('%s: the vault shows the server’s message and the next requests succeed', async (_what, head, message) => {
    const name = `refused-${Date.now().toString(36)}.png`;
    // From a file on disk: Playwright hands a path to Chromium, where a buffer would cross the protocol.
    const folder = await mkdtemp(path.join(tmpdir(), 'refused-'));
    folders.push(folder);
    const file = path.join(folder, name);
    await writeFile(file, Buffer.concat([await head(), Buffer.alloc(FILLER, 0x20)]));
    await page.locator('input[type=file]').setInputFiles(file);
    const failed = page.locator('.upload-item.is-error', { hasText: name });
    await failed.getByRole('alert').waitFor({ timeout: 120_000 });
    expect(await failed.getByRole('alert').textContent()).toMatch(message);
    expect(await threeOrdinaryRequests()).toEqual([200, 200, 200]);
    await failed.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('a body over the limit by its length (413): XHR reads the message, and the next requests succeed', async () => {
    const answer = await page.evaluate(
      async (size) => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(size)], { type: 'image/png' }), 'huge.png');
        return new Promise<{ status: number; message: unknown }>((resolve) => {
          const xhr = new XMLHttpRequest();
          xhr.open('POST', '/api/user/media');
          xhr.responseType = 'json';
          xhr.onload = () => resolve({ status: xhr.status, message: (xhr.response as { message?: unknown } | null)?.message });
          xhr.onerror = () => resolve({ status: 0, message: 'network error' });
          xhr.send(form);
        });
      },
      MAX_UPLOAD_BYTES + 4 * 1024 * 1024,
    );
    expect(answer).toEqual({ status: 413, message: `File is larger than the limit of ${MAX_UPLOAD_BYTES} bytes` });
    expect(await threeOrdinaryRequests()).toEqual([200, 200, 200]);
  });
});
