import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { startWithAdmin } from './support/server';
import { fixture } from './support/paths';

const password = 'a long enough password';
const admin = { email: 'vocabulary@example.test', username: 'vocabulary' };

let server: Awaited<ReturnType<typeof startWithAdmin>>;
let browser: Browser;
let page: Page;

const publish = async (name: string, tags: string[]) => {
  const uploaded = await page.request.post('/api/user/media', {
    multipart: { file: { name, mimeType: 'image/png', buffer: readFileSync(fixture('lagoon.png')) } },
  });
  expect(uploaded.status()).toBe(201);
  const { id } = (await uploaded.json()) as { id: number };
  const shared = await page.request.post(`/api/media/${id}/share`, {
    data: { shareToCommunity: true, tags, policyAgreed: true },
  });
  expect(shared.status()).toBe(200);
  return ((await shared.json()) as { communityMediaId: number }).communityMediaId;
};
const feedIds = async (tags: string) =>
  ((await (await page.request.get(`/api/community?tags=${tags}`)).json()) as { items: { id: number }[] }).items.map((i) => i.id);

beforeAll(async () => {
  // The admin account, made by the operator's command before the server opens the database.
  server = await startWithAdmin('tags', { ...admin, password });
  browser = await launchChromium();
  page = await (await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 860 } })).newPage();
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(admin.username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your vault' }).waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('/admin/tags', () => {
  it('an admin merges two tags: the items move, the old slug still finds them, and the log says so', async () => {
    const onlyStreet = await publish('street.png', ['street']);
    const both = await publish('both.png', ['street', 'urban']);

    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Tags' }).click();
    await page.getByRole('heading', { name: 'Tags', level: 1 }).waitFor();
    const street = page.locator('tr[data-tag="street"]');
    await expect(street.getByRole('cell', { name: '2', exact: true }).textContent()).resolves.toBe('2');

    // The keyboard way in and out: Escape closes the dialog and gives focus back to its button.
    const mergeButton = street.getByRole('button', { name: 'Merge…' });
    await mergeButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Merge “street” into another tag' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Merge into').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await mergeButton.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await feedIds('urban')).toEqual([both]);

    await mergeButton.click();
    await dialog.getByLabel('Merge into').selectOption('urban');
    await dialog.getByText('The 2 items tagged street will carry urban instead').waitFor();
    await dialog.getByRole('button', { name: 'Merge into urban' }).click();
    await dialog.waitFor({ state: 'detached' });

    await street.getByText('Merged into urban').waitFor();
    const urban = page.locator('tr[data-tag="urban"]');
    await urban.getByRole('cell', { name: '2', exact: true }).waitFor();
    await urban.getByText('street', { exact: true }).waitFor();
    expect(await feedIds('urban')).toEqual([both, onlyStreet]);
    expect(await feedIds('street')).toEqual([both, onlyStreet]);

    await page.goto('/admin/log');
    await page.getByRole('cell', { name: 'tag_merged' }).waitFor();
    await page.getByRole('cell', { name: 'tag street → urban' }).waitFor();
  });
});
