import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freshDatabase, REPO_ROOT, startBuiltServer, type BuiltServer, type FreshDatabase } from '@mediashare/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { fixture } from './support/paths';

const run = promisify(execFile);
const password = 'a long enough password';
const stamp = Date.now().toString(36);
const ownerName = `owner${stamp}`;
const adminName = `admin${stamp}`;

let database: FreshDatabase;
let dataDir: string;
let server: BuiltServer;
let browser: Browser;
let owner: Page;
let admin: Page;
let visitor: Page;

const start = async () => {
  server = await startBuiltServer(database.env, { dataDir });
  const page = async () => (await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 860 } })).newPage();
  [owner, admin, visitor] = [await page(), await page(), await page()];
};

const register = async (page: Page, username: string) => {
  await page.goto('/register');
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.test`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Your vault' }).waitFor();
};

const signIn = async (page: Page, username: string) => {
  await page.goto('/login');
  await page.getByLabel(/Email/).fill(`${username}@example.test`);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your vault' }).waitFor();
};

const shareThroughDialog = async (page: Page, fileName: string) => {
  await page
    .getByRole('button', { name: `Share ${fileName}` })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: `Share “${fileName}”` });
  await dialog.waitFor();
  const search = dialog.getByRole('combobox', { name: 'Search tags' });
  // The list is there once the tags have loaded; Enter then picks the first match.
  await dialog.getByRole('option', { name: 'Night' }).waitFor();
  await search.fill('night');
  await search.press('Enter');
  await dialog.getByRole('checkbox', { name: /I agree to the community sharing policy \(version 2026-12-01\)/ }).check();
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  return dialog;
};

beforeAll(async () => {
  database = await freshDatabase('mediashare_e2e');
  dataDir = await mkdtemp(path.join(tmpdir(), 'mediashare-moderation-'));
  browser = await launchChromium();
  await start();
  await register(owner, ownerName);
  await register(admin, adminName);
  // The one way to make an admin: the command, next to the database (the embedded one is the server's
  // while it runs, so the server stops for it).
  await server.stop();
  await run(process.execPath, ['--import', 'tsx', 'apps/api/src/cli/admin-grant.ts', `${adminName}@example.test`], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: database.env.DATABASE_URL, LOG_LEVEL: 'silent' },
  });
  await start();
  await signIn(owner, ownerName);
  await signIn(admin, adminName);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('moderation in Chromium', () => {
  it('report, admin queue, takedown, the removed page, and a refused re-share', async () => {
    await owner.locator('input[type=file]').setInputFiles([fixture('dusk.jpg')]);
    await owner.locator('.media-card', { hasText: 'dusk.jpg' }).waitFor();
    const dialog = await shareThroughDialog(owner, 'dusk.jpg');
    await dialog.getByText('Shared to the Community feed.').waitFor({ timeout: 60_000 });
    await owner.keyboard.press('Escape');
    const feed = await owner.request.get('/api/community');
    const id = ((await feed.json()) as { items: { id: number }[] }).items[0]!.id;

    // Someone with no account reports it.
    await visitor.goto(`/community/${id}`);
    await visitor.getByRole('button', { name: 'Report' }).click();
    const report = visitor.getByRole('dialog', { name: 'Report this item' });
    await report.getByLabel('Shared without the consent of someone shown').check();
    await report.getByLabel('Details (optional)').fill('That is me, I never agreed to this.');
    await report.getByRole('button', { name: 'Send report' }).click();
    await report.getByText('Thank you. A moderator will review it.').waitFor();

    // A non-admin finds no queue; the admin does, with the report.
    await owner.goto('/admin');
    await owner.getByText('Could not load the queue').waitFor();
    await admin.goto('/admin');
    const entry = admin.locator(`.queue-item[data-community-id="${id}"]`);
    await entry.waitFor();
    expect(await entry.textContent()).toContain('non_consensual');
    expect(await entry.textContent()).toContain('That is me, I never agreed to this.');
    expect(await entry.locator('.queue-item__preview--blurred').count()).toBe(1);
    // Hidden at once (non_consensual), so off its public URLs; the moderator still sees the picture.
    await entry.getByRole('button', { name: 'Reveal the preview' }).click();
    await expect
      .poll(() => entry.locator('img').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
      .toBeGreaterThan(0);
    await entry.getByLabel('Takedown reason').fill('Shared without consent');
    await entry.getByRole('button', { name: 'Take down' }).click();
    await entry.waitFor({ state: 'detached' });
    await admin.goto('/admin/log');
    await admin.getByRole('cell', { name: 'takedown' }).waitFor();

    // The permalink says so, with the API's status.
    const opened = await visitor.goto(`/community/${id}`);
    expect(opened?.status()).toBe(410);
    await visitor.getByRole('heading', { name: 'This item was removed' }).waitFor();

    // The owner sees why, and the same picture cannot come back.
    await owner.goto('/');
    await owner.getByText('Removed from the Community: Shared without consent').waitFor();
    await owner
      .locator('input[type=file]')
      .setInputFiles([{ name: 'again.jpg', mimeType: 'image/jpeg', buffer: readFileSync(fixture('dusk.jpg')) }]);
    await owner.locator('.media-card', { hasText: 'again.jpg' }).waitFor();
    const again = await shareThroughDialog(owner, 'again.jpg');
    await again
      .getByRole('alert')
      .getByText('This media was removed from the Community and cannot be shared again')
      .waitFor({ timeout: 60_000 });
  });
});
