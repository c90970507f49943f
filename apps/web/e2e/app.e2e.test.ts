import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitsWidth, launchChromium, layoutShift, mediaLoaded, screenshot } from './support/browser';
import { fixture } from './support/paths';
import { startServer, type Server } from './support/server';

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 360, height: 780 };

let server: Server;
let browser: Browser;
let owner: BrowserContext;
let page: Page;
let visitor: Page;
const pageErrors: string[] = [];

const username = `e2e${Date.now().toString(36)}`;
const password = 'a long enough password';
let shareUrl = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  owner = await browser.newContext({ baseURL: server.url, viewport: DESKTOP });
  await owner.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await owner.newPage();
  // A separate context: no cookies, as someone who only received the link.
  visitor = await (await browser.newContext({ baseURL: server.url, viewport: DESKTOP })).newPage();
  for (const p of [page, visitor]) p.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const card = (fileName: string) => page.locator('.media-card', { hasText: fileName });

const openShareDialog = async (fileName: string) => {
  await page.getByRole('button', { name: `Share ${fileName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Share “${fileName}”` });
  await dialog.waitFor();
  return dialog;
};

/** Shares through the dialog, picking each tag by searching for it. */
const shareToCommunity = async (fileName: string, tags: string[]) => {
  const dialog = await openShareDialog(fileName);
  const search = dialog.getByRole('combobox', { name: 'Search tags' });
  for (const tag of tags) {
    await search.fill(tag);
    await search.press('Enter');
  }
  await dialog.getByRole('checkbox', { name: /I agree to the community sharing policy/ }).check();
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.getByText('Shared to the Community feed.').waitFor({ timeout: 60_000 });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
};

const feedCardsOf = (p: Page) => p.locator('.feed-card', { hasText: `@${username}` });

/** The feed has answered: either cards or the empty state are on screen. */
const feedSettled = (p: Page) => p.locator('.feed-grid, .page-state--empty').first().waitFor();

describe('the web app against the real server', () => {
  it('creates an account, and the session survives a reload', async () => {
    await page.goto('/register');
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await screenshot(page, 'register');

    await page.getByLabel('Email', { exact: true }).fill(`${username}@example.test`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Your vault' }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Your vault' }).waitFor();
    expect(await page.getByText(username, { exact: true }).isVisible()).toBe(true);
  });

  it('uploads several files with a progress bar each, by file picker and by drag and drop', async () => {
    // Slow the upload link so the bytes-sent progress can be seen before the request completes.
    const cdp = await owner.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 96 * 1024,
    });

    await page.locator('input[type=file]').setInputFiles([fixture('dusk.jpg'), fixture('lagoon.png')]);
    await page.getByRole('progressbar', { name: 'Uploading dusk.jpg' }).waitFor();
    // Part of the file is sent and the rest is not: the bar follows the bytes, not a timer.
    await page.waitForFunction(() => {
      const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Uploading dusk.jpg"]');
      return bar !== null && bar.value > 0 && bar.value < 100;
    });

    const clip = readFileSync(fixture('clip.webm')).toString('base64');
    const dataTransfer = await page.evaluateHandle((base64) => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], 'clip.webm', { type: 'video/webm' }));
      return transfer;
    }, clip);
    for (const type of ['dragenter', 'dragover']) await page.dispatchEvent('main.vault', type, { dataTransfer });
    await page.getByText('Drop to upload').waitFor();
    await page.dispatchEvent('main.vault', 'drop', { dataTransfer });
    await page.getByRole('progressbar', { name: 'Uploading clip.webm' }).waitFor();
    await screenshot(page, 'vault-uploading');

    await expect.poll(() => page.locator('.media-card').count(), { timeout: 60_000 }).toBe(3);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await mediaLoaded(page, '.media-grid');
    expect(await card('dusk.jpg').getByText('Private').isVisible()).toBe(true);
    await screenshot(page, 'vault');
  });

  it('refuses a file the vault does not take, with the server’s message on that file', async () => {
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    const failed = page.locator('.upload-item.is-error', { hasText: 'notes.txt' });
    await failed.getByRole('alert').waitFor();
    expect(await failed.getByRole('alert').textContent()).toMatch(/type|supported|accepted/i);
    await failed.getByRole('button', { name: 'Dismiss' }).click();
    await failed.waitFor({ state: 'detached' });
  });

  it('shares an image to the Community with two tags and copies the full link', async () => {
    const dialog = await openShareDialog('dusk.jpg');
    expect(await dialog.getByRole('checkbox', { name: /Share to Community Feed/ }).isChecked()).toBe(true);
    const shareButton = dialog.getByRole('button', { name: 'Share', exact: true });
    expect(await shareButton.isDisabled()).toBe(true);

    const search = dialog.getByRole('combobox', { name: 'Search tags' });
    await search.fill('night');
    await search.press('Enter');
    await search.fill('urb');
    await dialog.getByRole('option', { name: 'Urban' }).click();
    expect(await dialog.getByRole('option', { name: 'Urban' }).getAttribute('aria-selected')).toBe('true');
    await dialog.getByText('2 of 10').waitFor();
    expect(await shareButton.isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: /I agree to the community sharing policy/ }).check();
    expect(await shareButton.isEnabled()).toBe(true);
    await screenshot(page, 'share-dialog', { fullPage: false });

    await shareButton.click();
    await dialog.getByText('Link copied to clipboard.').waitFor({ timeout: 60_000 });
    shareUrl = await page.evaluate(() => navigator.clipboard.readText());
    expect(shareUrl).toMatch(new RegExp(`^${server.url}/shared/media/[A-Za-z0-9_-]{16,64}$`));
    expect(await dialog.getByRole('textbox', { name: 'Share link' }).inputValue()).toBe(shareUrl);
    await screenshot(page, 'share-dialog-shared', { fullPage: false });

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await card('dusk.jpg').getByText('Community').waitFor();
  });

  it('opens the link without an account, with a preview for link unfurlers', async () => {
    await visitor.goto(shareUrl);
    const image = visitor.getByRole('img', { name: 'Shared image' });
    await image.waitFor();
    await mediaLoaded(visitor, '.shared-media');
    expect(await layoutShift(visitor)).toBeLessThan(0.01);
    const code = shareUrl.split('/').pop();
    // The preview (made by the server's rendition worker), never the file.
    await expect
      .poll(async () => {
        await visitor.goto(shareUrl);
        return visitor.locator('meta[property="og:image"]').getAttribute('content');
      })
      .toBe(`${server.url}/api/shared/media/${code}/preview`);
    await screenshot(visitor, 'shared');
  });

  it('finds it in the Community, filtered by one tag kept in the address', async () => {
    await shareToCommunity('lagoon.png', ['water', 'nature']);
    await shareToCommunity('clip.webm', ['night']);

    await visitor.goto('/community?tags=urban');
    const mine = feedCardsOf(visitor);
    await mine.waitFor();
    expect(await mine.count()).toBe(1);
    expect(await mine.locator('.chip').allTextContents()).toEqual(['#Night', '#Urban']);
    await visitor.getByRole('button', { name: 'Remove filter Urban' }).waitFor();

    await visitor.getByRole('radio', { name: 'Uploaded' }).check();
    await visitor.waitForURL((url) => url.search === '?tags=urban&origin=uploaded');
    await mine.waitFor();
    await visitor.getByRole('radio', { name: 'Generated' }).check();
    await visitor.waitForURL((url) => url.search === '?tags=urban&origin=generated');
    await visitor.getByText('Nothing matches these filters').waitFor();
  });

  it('opens a vault item in the viewer, moves with the arrow keys and gives focus back on Escape', async () => {
    // The grid shows renditions (with a placeholder painted under them) once the worker has made them.
    await expect
      .poll(
        async () => {
          await page.goto('/');
          await card('dusk.jpg').waitFor();
          return card('dusk.jpg').locator('img[srcset*="/thumbnail"]').count();
        },
        { timeout: 60_000 },
      )
      .toBe(1);
    const thumb = card('dusk.jpg').locator('img');
    expect(await thumb.getAttribute('sizes')).toBeTruthy();
    expect(await thumb.getAttribute('data-placeholder')).toBe('');

    const opener = page.getByRole('button', { name: 'Open dusk.jpg' });
    await opener.click();
    const viewer = page.getByRole('dialog', { name: 'dusk.jpg' });
    await viewer.waitFor();
    const shown = viewer.locator('.viewer__stage img');
    expect(await shown.getAttribute('src')).toMatch(/\/api\/user\/media\/\d+\/preview$/);
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await screenshot(page, 'viewer', { fullPage: false });

    const titles = await page.locator('.media-card__name').allTextContents();
    const at = titles.indexOf('dusk.jpg');
    const step = at > 0 ? 'ArrowLeft' : 'ArrowRight';
    const neighbour = titles[at > 0 ? at - 1 : at + 1]!;
    await page.keyboard.press(step);
    await page.getByRole('dialog', { name: neighbour }).waitFor();
    await page.keyboard.press(step === 'ArrowLeft' ? 'ArrowRight' : 'ArrowLeft');
    await viewer.waitFor();
    // Tab stays inside the dialog.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('shows the feed as a grid where videos play in the viewer on click, swiped through on touch, at any width', async () => {
    await visitor.goto('/community');
    await expect.poll(() => feedCardsOf(visitor).count(), { timeout: 30_000 }).toBe(3);
    await mediaLoaded(visitor, '.feed-card', `@${username}`);
    expect(await layoutShift(visitor)).toBeLessThan(0.01);
    await screenshot(visitor, 'community');

    await visitor
      .getByRole('button', { name: `Play video shared by ${username}` })
      .first()
      .click();
    const viewer = visitor.getByRole('dialog');
    const player = viewer.locator('.viewer__stage video[controls]');
    await player.waitFor();
    expect(await player.getAttribute('poster')).toMatch(/\.preview\.webp$/);
    await expect.poll(() => player.evaluate((video: HTMLVideoElement) => video.currentTime > 0 || video.ended)).toBe(true);
    expect(await visitor.locator('.feed-card video[controls]').count()).toBe(0);

    // A swipe on a touch screen moves through the feed like the arrow keys: left for the next item,
    // right for the one before; a short drag is not a swipe.
    const count = viewer.locator('.viewer__count');
    const [first] = (await count.textContent())!.split(' / ').map(Number);
    const swipe = async (fromX: number, toX: number) => {
      const frame = viewer.locator('.viewer__frame');
      await frame.dispatchEvent('pointerdown', { pointerType: 'touch', isPrimary: true, clientX: fromX, clientY: 300 });
      await frame.dispatchEvent('pointerup', { pointerType: 'touch', isPrimary: true, clientX: toX, clientY: 300 });
    };
    const forward = first! < 3;
    await swipe(300, forward ? 100 : 500);
    const moved = forward ? first! + 1 : first! - 1;
    await expect.poll(() => count.textContent()).toBe(`${moved} / 3`);
    await swipe(300, 280);
    expect(await count.textContent()).toBe(`${moved} / 3`);
    await swipe(300, forward ? 500 : 100);
    await expect.poll(() => count.textContent()).toBe(`${first} / 3`);
    await visitor.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    await visitor.setViewportSize(PHONE);
    expect(await fitsWidth(visitor)).toBe(true);
    await screenshot(visitor, 'community-phone');
    await visitor.emulateMedia({ colorScheme: 'dark' });
    await screenshot(visitor, 'community-dark');
    await visitor.emulateMedia({ colorScheme: 'light' });
    await visitor.setViewportSize(DESKTOP);
  });

  it('gives every community item a permalink page with its preview as og:image', async () => {
    await visitor.goto('/community');
    const permalink = feedCardsOf(visitor).first().locator('a.feed-card__permalink');
    await permalink.waitFor();
    const href = (await permalink.getAttribute('href'))!;
    expect(href).toMatch(/^\/community\/\d+$/);
    await expect
      .poll(
        async () => {
          await visitor.goto(href);
          return visitor.locator('meta[property="og:image"]').getAttribute('content');
        },
        { timeout: 60_000 },
      )
      .toMatch(/\.preview\.webp$/);
    await visitor.locator('.shared-media img, .shared-media video').first().waitFor();
    expect(await visitor.getByText(`@${username}`).first().isVisible()).toBe(true);

    const missing = await visitor.goto('/no/such/page');
    expect(missing?.status()).toBe(404);
    await visitor.getByText('There is no page here').waitFor();
    expect((await visitor.request.get('/robots.txt')).status()).toBe(200);
    expect((await visitor.request.get('/favicon.ico')).headers()['content-type']).toMatch(/icon/);
  });

  it('stops Community sharing: gone from the feed, the link still works', async () => {
    const dialog = await openShareDialog('dusk.jpg');
    await dialog.getByRole('button', { name: 'Remove from Community' }).click();
    await dialog.getByText('Removed from the Community feed. The link still works.').waitFor();
    await page.keyboard.press('Escape');
    await card('dusk.jpg').getByText('Community').waitFor({ state: 'detached' });

    await visitor.goto('/community?tags=urban');
    await feedSettled(visitor);
    expect(await feedCardsOf(visitor).count()).toBe(0);

    await visitor.goto(shareUrl);
    await visitor.getByRole('img', { name: 'Shared image' }).waitFor();
  });

  it('deletes the link: whoever opens it is told it is no longer active', async () => {
    const dialog = await openShareDialog('dusk.jpg');
    await dialog.getByRole('button', { name: 'Delete link…' }).click();
    await dialog.getByRole('button', { name: 'Delete link', exact: true }).click();
    await dialog.getByText(/Link deleted/).waitFor();
    await page.keyboard.press('Escape');
    await card('dusk.jpg').getByText('Private').waitFor();

    await visitor.goto(shareUrl);
    await visitor.getByRole('heading', { name: 'This link is no longer active' }).waitFor();
    expect(await visitor.locator('meta[property="og:image"]').count()).toBe(0);
    await screenshot(visitor, 'inactive-link');
  });

  it('deletes an item after confirmation', async () => {
    await page.getByRole('button', { name: 'Delete clip.webm' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “clip.webm”?' });
    await confirm.getByText('Its public copy stays in the Community feed.', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.media-card').count()).toBe(2);

    await page.setViewportSize(PHONE);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'vault-phone');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'vault-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(DESKTOP);
  });

  it('takes the Community copy of the deleted video down from the feed, after confirmation', async () => {
    await page.goto('/community');
    const video = feedCardsOf(page).filter({ has: page.locator('.feed-card__media--video') });
    await video.waitFor();
    expect(await feedCardsOf(page).count()).toBe(2);
    await screenshot(page, 'community-own');
    await video.getByRole('button', { name: 'Remove from Community' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove from the Community feed?' });
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => feedCardsOf(page).count()).toBe(1);

    await visitor.goto('/community');
    await feedSettled(visitor);
    expect(await feedCardsOf(visitor).count()).toBe(1);
    expect(await visitor.getByRole('button', { name: 'Remove from Community' }).count()).toBe(0);
    await page.goto('/');
  });

  it('creates an API token that reaches the vault until it is revoked in the page', async () => {
    // A client-side visit from the header: the page needs no server route of its own for this.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    await page.getByText('No tokens yet').waitFor();

    const createToken = async (name: string, fill: (form: Locator) => Promise<void>) => {
      const form = page.getByRole('form', { name: 'Create a token' });
      await form.getByLabel('Name').fill(name);
      await fill(form);
      await form.getByRole('button', { name: 'Create token' }).click();
      await page.getByRole('heading', { name: `Token “${name}” created` }).waitFor();
      return page.getByRole('textbox', { name: 'Your new token' }).inputValue();
    };
    await createToken('Nightly backup', async (form) => {
      await form.getByRole('checkbox', { name: /^share/ }).check();
      await form.getByLabel('Expires').selectOption({ label: 'Never' });
    });
    const secret = await createToken('e2e script', async () => {});
    expect(secret).toMatch(/^msk_[A-Za-z0-9_-]{43}$/);
    await page.locator('.token-row', { hasText: 'e2e script' }).waitFor();

    const listVault = () => fetch(`${server.url}/api/user/media`, { headers: { authorization: `Bearer ${secret}` } });
    const allowed = await listVault();
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { items: unknown[] }).items).toHaveLength(2);
    await screenshot(page, 'tokens');

    await page.setViewportSize(PHONE);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'tokens-phone');
    await page.setViewportSize(DESKTOP);

    await page.getByRole('button', { name: 'Revoke e2e script' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke “e2e script”?' });
    await confirm.getByRole('button', { name: 'Revoke', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.locator('.token-row', { hasText: 'e2e script' }).waitFor({ state: 'detached' });
    // The secret left the page with the token.
    expect(await page.getByRole('textbox', { name: 'Your new token' }).count()).toBe(0);
    expect((await listVault()).status).toBe(401);
    await page.locator('.token-row', { hasText: 'Nightly backup' }).waitFor();
  });

  it('signs out, and back in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Your media, shared on your terms.' }).waitFor();
    await screenshot(page, 'landing');

    await page.goto('/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email or username').fill(username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await screenshot(page, 'sign-in');

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Your vault' }).waitFor();
    await expect.poll(() => page.locator('.media-card').count()).toBe(2);
  });

  it('raised no uncaught errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
