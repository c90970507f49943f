import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser';
import { fixture, WEB_ROOT } from './support/paths';
import { startServer, type Server } from './support/server';

const DESKTOP = { width: 1280, height: 860 };
const HOUR = 3_600_000;

let server: Server;
let browser: Browser;
let owner: BrowserContext;
let page: Page;
let clockDir: string;
let clockFile: string;
const pageErrors: string[] = [];

const username = `links${Date.now().toString(36)}`;
const password = 'a long enough password';
const linkPassword = 'open sesame please';
let shareUrl = '';

/** Moves the server's clock (the shim reads this file on every Date): no waiting for an expiry. */
const moveServerClock = (ms: number) => writeFile(clockFile, String(ms));

/** Someone who only received the link: a browser context of their own, with no cookies. */
const freshVisitor = async () => {
  const context = await browser.newContext({ baseURL: server.url, viewport: DESKTOP });
  const visitor = await context.newPage();
  visitor.on('pageerror', (error) => pageErrors.push(error.message));
  return visitor;
};

beforeAll(async () => {
  clockDir = await mkdtemp(path.join(tmpdir(), 'mediashare-clock-'));
  clockFile = path.join(clockDir, 'offset');
  await moveServerClock(0);
  server = await startServer(
    { MEDIASHARE_TEST_CLOCK_FILE: clockFile },
    { nodeArgs: ['--import', path.join(WEB_ROOT, 'e2e/support/clock-shim.mjs')] },
  );
  browser = await launchChromium();
  owner = await browser.newContext({ baseURL: server.url, viewport: DESKTOP });
  page = await owner.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));

  // Setting up through the API: what is under test is the link's controls, not the sign-up and upload.
  const registered = await owner.request.post('/api/auth/register', {
    data: { email: `${username}@example.test`, username, password },
  });
  expect(registered.status()).toBe(201);
  const uploaded = await owner.request.post('/api/user/media', {
    multipart: { file: { name: 'lagoon.png', mimeType: 'image/png', buffer: readFileSync(fixture('lagoon.png')) } },
  });
  expect(uploaded.status()).toBe(201);
  const { id } = (await uploaded.json()) as { id: number };
  const shared = await owner.request.post(`/api/media/${id}/share`, { data: { shareToCommunity: false } });
  shareUrl = ((await shared.json()) as { shareUrl: string }).shareUrl;
  await page.goto('/');
  await page.getByRole('heading', { name: 'Your vault' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await rm(clockDir, { recursive: true, force: true });
});

/** Opens the share dialog of the item and waits for its current link settings. */
const linkSettings = async () => {
  await page.getByRole('button', { name: 'Share lagoon.png' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share “lagoon.png”' });
  await dialog.getByRole('heading', { name: 'Link settings' }).waitFor();
  return dialog;
};
const saveAndClose = async (dialog: Awaited<ReturnType<typeof linkSettings>>) => {
  await dialog.getByRole('button', { name: 'Save link settings' }).click();
  await dialog.getByText('Link settings saved.').waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
};

describe('share links under the owner’s control, in the browser', () => {
  it('sets a password; a fresh visitor must unlock it, and the unlock stays with that browser', async () => {
    const dialog = await linkSettings();
    await dialog.getByLabel('Password', { exact: true }).fill(linkPassword);
    await screenshot(page, 'link-settings', { fullPage: false });
    await saveAndClose(dialog);

    const visitor = await freshVisitor();
    await visitor.goto(shareUrl);
    await visitor.getByRole('heading', { name: 'This link has a password' }).waitFor();
    expect(await visitor.getByRole('img', { name: 'Shared image' }).count()).toBe(0);
    expect(await visitor.locator('meta[property="og:image"]').count()).toBe(0);
    await visitor.getByLabel('Password', { exact: true }).fill('not the password');
    await visitor.getByRole('button', { name: 'Unlock' }).click();
    await visitor.getByRole('alert').getByText('Wrong password').waitFor();
    await visitor.getByLabel('Password', { exact: true }).fill(linkPassword);
    await visitor.getByRole('button', { name: 'Unlock' }).click();
    await visitor.getByRole('img', { name: 'Shared image' }).waitFor();
    await screenshot(visitor, 'unlocked-link');
    // The cookie is HttpOnly: the page cannot read it, the browser sends it.
    expect(await visitor.evaluate(() => document.cookie)).toBe('');
    await visitor.reload();
    await visitor.getByRole('img', { name: 'Shared image' }).waitFor();

    const another = await freshVisitor();
    await another.goto(shareUrl);
    await another.getByRole('heading', { name: 'This link has a password' }).waitFor();
    await another.context().close();
    await visitor.context().close();

    const removed = await linkSettings();
    await removed.getByRole('button', { name: 'Remove password' }).click();
    await removed.getByText('Link settings saved.').waitFor();
    await page.keyboard.press('Escape');
  });

  it('turns downloads off: no Download button, and asking for one is refused', async () => {
    const visitor = await freshVisitor();
    await visitor.goto(shareUrl);
    await visitor.getByRole('link', { name: 'Download' }).waitFor();

    const dialog = await linkSettings();
    await dialog.getByRole('checkbox', { name: 'Allow download' }).uncheck();
    await saveAndClose(dialog);

    await visitor.reload();
    await visitor.getByRole('img', { name: 'Shared image' }).waitFor();
    expect(await visitor.getByRole('link', { name: 'Download' }).count()).toBe(0);
    const code = shareUrl.split('/').pop();
    expect((await visitor.request.get(`/api/shared/media/${code}/file?download=1`)).status()).toBe(403);
    const inline = await visitor.request.get(`/api/shared/media/${code}/file`);
    expect(inline.headers()['content-disposition']).toMatch(/^inline;/);
    await visitor.context().close();
  });

  it('expires: after the server’s clock passes the expiry the visitor is told so', async () => {
    const dialog = await linkSettings();
    await dialog.getByLabel('Expires').selectOption({ label: '1 hour' });
    await saveAndClose(dialog);

    const visitor = await freshVisitor();
    await visitor.goto(shareUrl);
    await visitor.getByRole('img', { name: 'Shared image' }).waitFor();
    await moveServerClock(2 * HOUR);
    try {
      await visitor.reload();
      await visitor.getByRole('heading', { name: 'This link has expired' }).waitFor();
      expect(await visitor.locator('meta[property="og:image"], meta[property="og:title"]').count()).toBe(0);
      await screenshot(visitor, 'expired-link');
    } finally {
      await moveServerClock(0);
    }
    await visitor.reload();
    await visitor.getByRole('img', { name: 'Shared image' }).waitFor();
    await visitor.context().close();
  });

  it('revokes every link from the What’s public page, after confirmation', async () => {
    await page.getByRole('link', { name: 'What’s public' }).click();
    await page.getByRole('heading', { name: 'What’s public' }).waitFor();
    await page.locator('.exposure-row', { hasText: 'lagoon.png' }).waitFor();
    await screenshot(page, 'exposure');
    await page.getByRole('button', { name: 'Revoke all links' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke every share link?' });
    await confirm.getByRole('button', { name: 'Revoke all links' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('Revoked 1 link and 0 community items.').waitFor();
    await page.getByText('Nothing of yours is public.').waitFor();

    const visitor = await freshVisitor();
    await visitor.goto(shareUrl);
    await visitor.getByRole('heading', { name: 'This link is no longer active' }).waitFor();
    await visitor.context().close();
    expect(pageErrors).toEqual([]);
  });
});

describe('the share dialog on a phone', () => {
  /** WCAG relative luminance of an `rgb(...)`/`rgba(...)` colour, blended over `under` when translucent. */
  const parse = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r, g, b]: number[]) => {
    const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
  };
  const contrast = (a: number[], b: number[]) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };

  it('fits 360x740 with its primary button in view, and its focus ring stands out at least 3:1', async () => {
    const phone = await owner.newPage();
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.goto('/');
    await phone.getByRole('button', { name: 'Share lagoon.png' }).click();
    const dialog = phone.getByRole('dialog', { name: 'Share “lagoon.png”' });
    await dialog.getByRole('checkbox', { name: /Share to Community Feed/ }).check();
    await dialog.getByRole('combobox', { name: 'Search tags' }).waitFor();

    // The form scrolls inside the dialog; the footer with the primary button stays on screen.
    const primary = dialog.locator('.share-form__footer button[type="submit"]');
    const box = (await primary.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(740);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Keyboard focus on the tag picker: its ring's outer colour against the dialog's surface.
    const search = dialog.getByRole('combobox', { name: 'Search tags' });
    await search.focus();
    await phone.keyboard.press('Shift+Tab');
    await phone.keyboard.press('Tab');
    const { shadow, surface } = await search.evaluate((el) => ({
      shadow: getComputedStyle(el).boxShadow,
      surface: getComputedStyle(el.closest('dialog')!).backgroundColor,
    }));
    const rings = shadow.split(/,(?![^(]*\))/).map((ring) => parse(ring.match(/rgba?\([^)]*\)/)?.[0] ?? ''));
    const outer = rings.at(-1)!;
    expect(outer.length).toBeGreaterThanOrEqual(3);
    expect(outer[3] ?? 1).toBe(1);
    const ratio = contrast(outer, parse(surface));
    console.log(`focus ring contrast against the dialog: ${ratio.toFixed(2)}:1`);
    expect(ratio).toBeGreaterThanOrEqual(3);
    await screenshot(phone, 'share-dialog-phone', { fullPage: false });
    await phone.close();
  });
});
