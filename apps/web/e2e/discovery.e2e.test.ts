import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { fixture } from './support/paths';
import { startServer, type Server } from './support/server';

let server: Server;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const username = `alt${Date.now().toString(36)}`;
const ALT = 'The sun setting over a flat sea, a pier in silhouette';

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 860 } })).newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('discovery in the browser', () => {
  it('carries alt text from the share dialog to the card, where it is the picture’s accessible name', async () => {
    await page.goto('/register');
    await page.getByLabel('Email', { exact: true }).fill(`${username}@example.test`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Your vault' }).waitFor();

    await page.locator('input[type=file]').setInputFiles([fixture('dusk.jpg')]);
    await page.getByRole('button', { name: 'Share dusk.jpg' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share “dusk.jpg”' });
    const alt = dialog.getByRole('textbox', { name: 'Alt text' });
    // The dialog asks for it; Share works without it, once the tags and the agreement are there.
    expect(await alt.getAttribute('aria-describedby')).toBeTruthy();
    await dialog.getByText(/Add alt text: describe the picture/).waitFor();
    const search = dialog.getByRole('combobox', { name: 'Search tags' });
    // The list is there once the tags have loaded; Enter then picks the first match.
    await dialog.getByRole('option', { name: 'Sunset' }).waitFor();
    await search.fill('sunset');
    await search.press('Enter');
    await dialog.getByRole('textbox', { name: 'Title (optional)' }).fill('Last light');
    await alt.fill(ALT);
    await dialog.getByRole('checkbox', { name: /I agree to the community sharing policy/ }).check();
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.getByText('Shared to the Community feed.').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'My posts' }).click();
    await page.getByRole('heading', { name: 'My posts' }).waitFor();
    await page.getByRole('img', { name: ALT }).waitFor();

    await page.getByRole('link', { name: 'Community', exact: true }).click();
    const card = page.locator('.feed-card', { hasText: `@${username}` });
    await card.getByRole('heading', { name: 'Last light' }).waitFor();
    // What a screen reader is given: the image named by its alt text, inside the button that opens it.
    const tree = await card.ariaSnapshot();
    expect(tree).toContain(`img "${ALT}"`);
    expect(tree).toContain(`button "Open: ${ALT}"`);
  });

  it('follows a tag: the card’s tag link leads to a feed page whose feed links read that tag', async () => {
    const card = page.locator('.feed-card', { hasText: `@${username}` });
    await card.getByRole('link', { name: '#Sunset' }).click();
    await page.waitForURL(/\/community\?tags=sunset$/);
    const alternate = page.locator('head link[rel="alternate"][type="application/feed+json"]');
    expect(await alternate.getAttribute('href')).toBe('/community/feed.json?tags=sunset');

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/community/feed.json?tags=sunset')),
      page.getByRole('link', { name: 'JSON Feed' }).click(),
    ]);
    expect(response.status()).toBe(200);
    const feed = (await response.json()) as { version: string; items: { title: string; tags: string[]; url: string }[] };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.map((i) => [i.title, i.tags])).toEqual([['Last light', ['sunset']]]);
    expect(feed.items[0]!.url).toMatch(/\/community\/\d+$/);

    // The RSS link of the same page answers the same item for a reader.
    const rss = await page.request.get('/community/feed.xml?tags=sunset');
    expect(rss.headers()['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(await rss.text()).toContain('<title><![CDATA[Last light]]></title>');
    expect(pageErrors).toEqual([]);
  });
});
