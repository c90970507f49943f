import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { fixture } from './support/paths';
import { startServer, type Server } from './support/server';

/**
 * The SPA, a share page, the not-found page and the API docs work under the server's
 * Content-Security-Policy, and the browser reports no violation while they do: every violation a
 * document sees is collected (securitypolicyviolation events and Chromium's console reports).
 */
let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const reports: string[] = [];
const errors: string[] = [];

declare global {
  interface Window {
    __violations: string[];
    __inlineRan?: boolean;
  }
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 860 } });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${location.pathname}`),
    );
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) reports.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The violations the current document has seen. */
const violations = () => page.evaluate(() => window.__violations);

const username = `csp${Date.now().toString(36)}`;

describe('the strict Content-Security-Policy in Chromium', () => {
  it('is sent with the SPA', async () => {
    const res = await page.goto('/register');
    const policy = res?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
  });

  it('lets the SPA register, upload, share and show the shared page with no violation', async () => {
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(`${username}@example.test`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Your vault' }).waitFor();

    await page.locator('input[type=file]').setInputFiles([fixture('lagoon.png')]);
    const card = page.locator('.media-card', { hasText: 'lagoon.png' });
    await card.locator('img').first().waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('.media-card img')].some((img) => img.naturalWidth > 0),
    );
    expect(await violations()).toEqual([]);

    // A share link made through the API with the page's own session, then opened as a visitor would.
    const items = (await (await page.request.get('/api/user/media')).json()) as { items: { id: number; fileName: string }[] };
    const item = items.items.find((i) => i.fileName === 'lagoon.png');
    const shared = await page.request.post(`/api/media/${item?.id}/share`, { data: { shareToCommunity: false } });
    const { shareUrl } = (await shared.json()) as { shareUrl: string };
    await page.goto(shareUrl);
    await page.waitForFunction(() => [...document.querySelectorAll('img')].some((img) => img.naturalWidth > 0));
    expect(await violations()).toEqual([]);
  });

  it('shows the Community, the not-found page and the API docs with no violation', async () => {
    await page.goto('/community');
    await page
      .getByRole('heading', { name: /Community/ })
      .first()
      .waitFor();
    expect(await violations()).toEqual([]);

    const missing = await page.goto('/no-such-page');
    expect(missing?.status()).toBe(404);
    await page.getByText('There is no page here').waitFor();
    expect(await violations()).toEqual([]);

    await page.goto('/api/docs');
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(await violations()).toEqual([]);
  });

  it('blocks what an injected tag would run, and reports it', async () => {
    await page.goto('/community');
    await page
      .getByRole('heading', { name: /Community/ })
      .first()
      .waitFor();
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
    });
    await page.waitForFunction(() => window.__violations.length > 0);
    expect(await page.evaluate(() => window.__inlineRan)).toBeUndefined();
    expect(await violations()).toEqual(['script-src-elem blocked inline on /community']);
    // That one, deliberate, is the only report of the whole run.
    expect(reports).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
