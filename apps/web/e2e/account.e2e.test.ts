import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitsWidth, launchChromium } from './support/browser';
import { startServer, type Server } from './support/server';

/**
 * The account page against the real server: two browsers signed in to one account, as a laptop and a
 * phone would be. Changing the password and "sign out everywhere else" end the other one; deleting the
 * account ends this one and frees its name.
 */
let server: Server;
let browser: Browser;
let here: Page;
let there: Page;
const pageErrors: string[] = [];
const username = `acct${Date.now().toString(36)}`;
const email = `${username}@example.test`;
let password = 'the first long password';

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  here = await (await browser.newContext({ baseURL: server.url })).newPage();
  there = await (await browser.newContext({ baseURL: server.url })).newPage();
  for (const p of [here, there]) p.on('pageerror', (error) => pageErrors.push(error.message));
  const registered = await fetch(`${server.url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, username, password }),
  });
  expect(registered.status).toBe(201);
  // Registering signed that request in: only the two browsers' sessions are to count.
  const cookie = registered.headers.get('set-cookie')?.split(';')[0] ?? '';
  await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = async (page: Page) => {
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your vault' }).waitFor();
};

const openAccount = async (page: Page) => {
  await page.goto('/account');
  await page.getByRole('heading', { name: 'Your account' }).waitFor();
};

/** The other browser's session has ended: the account page sends it to sign in. */
const isSignedOut = async (page: Page) => {
  await page.goto('/account');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
};

describe('the account page', () => {
  it('changes the password, which signs the other browser out', async () => {
    await signIn(here);
    await signIn(there);
    await openAccount(here);
    const sessions = here.getByRole('list', { name: 'Your sessions' });
    await expect.poll(() => sessions.getByRole('listitem').count()).toBe(2);
    await sessions.getByText('This browser').waitFor();

    const form = here.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password').fill('the second long password');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('alert').getByText('Current password is incorrect').waitFor();

    await form.getByLabel('Current password').fill(password);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Password changed. Every other session is signed out.').waitFor();
    password = 'the second long password';
    await expect.poll(() => sessions.getByRole('listitem').count()).toBe(1);
    await isSignedOut(there);
  });

  it('signs out everywhere else', async () => {
    await signIn(there);
    await openAccount(here);
    const sessions = here.getByRole('list', { name: 'Your sessions' });
    await expect.poll(() => sessions.getByRole('listitem').count()).toBe(2);
    await here.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await here.getByText('Signed out of 1 other sessions.').waitFor();
    await expect.poll(() => sessions.getByRole('listitem').count()).toBe(1);
    await isSignedOut(there);
    // This browser is still signed in; on a phone the page fits its width.
    await openAccount(here);
    await here.setViewportSize({ width: 360, height: 780 });
    expect(await fitsWidth(here)).toBe(true);
    await here.setViewportSize({ width: 1280, height: 860 });
  });

  it('deletes the account after the password and the username typed out, and the name is free again', async () => {
    await openAccount(here);
    const form = here.getByRole('form', { name: 'Delete account' });
    const button = form.getByRole('button', { name: 'Delete my account' });
    await form.getByLabel('Password').fill(password);
    await form.getByLabel(/Type your username/).fill(`${username}x`);
    expect(await button.isDisabled()).toBe(true);
    await form.getByLabel(/Type your username/).fill(username);
    await button.click();
    await here.waitForURL(`${server.url}/`);
    await here.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    await isSignedOut(here);

    const signIn = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: username, password }),
    });
    expect(signIn.status).toBe(401);
    const again = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, username, password: 'a brand new password' }),
    });
    expect(again.status).toBe(201);
    expect(pageErrors).toEqual([]);
  });
});
