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

  it('reopens a post from My posts with its texts, edits the title, and shows it there with its views', async () => {
    // The last test left the browser on the JSON Feed document.
    await page.goto('/community');
    await page.getByRole('link', { name: 'My posts' }).click();
    await page.getByRole('heading', { name: 'My posts' }).waitFor();
    const card = page.locator('.feed-card', { has: page.getByRole('img', { name: ALT }) });
    await card.getByText('0 views').waitFor();
    await card.getByRole('button', { name: 'Edit' }).click();

    const dialog = page.getByRole('dialog', { name: 'Share “dusk.jpg”' });
    const title = dialog.getByRole('textbox', { name: 'Title (optional)' });
    // Filled in from the item as it is, so fixing the title leaves the alt text alone.
    await expect.poll(() => title.inputValue()).toBe('Last light');
    expect(await dialog.getByRole('textbox', { name: 'Alt text' }).inputValue()).toBe(ALT);
    await title.fill('Last light at the pier');
    await dialog.getByRole('button', { name: 'Update sharing' }).click();
    await dialog.getByText('Shared to the Community feed.').waitFor({ timeout: 60_000 });
    const shareUrl = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
    await page.keyboard.press('Escape');
    await card.getByRole('heading', { name: 'Last light at the pier' }).waitFor();

    // Someone opens the link (not signed in): one view, which only the owner is shown.
    const visitor = await browser.newContext({ baseURL: server.url });
    const visit = await visitor.newPage();
    await visit.goto(shareUrl);
    await visit.getByRole('img', { name: ALT }).waitFor();
    await visit.goto(`/u/${username}`);
    await visit.getByRole('heading', { name: 'Last light at the pier' }).waitFor();
    expect(await visit.getByText(/\d+ views?$/).count()).toBe(0);
    await visitor.close();

    await page.reload();
    await card.getByText('1 view', { exact: true }).waitFor();
    expect(await card.getByRole('img', { name: ALT }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
