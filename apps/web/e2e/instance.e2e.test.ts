import { totpCodeAt } from '@mediashare/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { startWithAdmin } from './support/server';

const password = 'a long enough password';
const admin = { email: 'operator@example.test', username: 'operator' };
const invitee = `invited${Date.now().toString(36)}`;

let server: Awaited<ReturnType<typeof startWithAdmin>>;
let browser: Browser;

beforeAll(async () => {
  // The operator's admin account, made before the server opens the database.
  server = await startWithAdmin('instance', { ...admin, password }, { REGISTRATION: 'invite' });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const freshPage = async () => (await browser.newContext({ baseURL: server.url })).newPage();

const signIn = async (page: Page, login: string, code?: string) => {
  await page.goto('/login');
  await page.getByLabel('Email or username').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (code) {
    await page.getByLabel('Two-factor code').fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.getByRole('heading', { name: 'Your vault' }).waitFor();
};

let inviteLink = '';

describe('an instance run by invite', () => {
  it('an admin makes an invite link; the invited person signs up with it, once', async () => {
    const page = await freshPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await signIn(page, admin.username);
    await page.goto('/admin/invites');
    await page.getByRole('button', { name: 'Create invite' }).click();
    const field = page.getByLabel('Invite link');
    await field.waitFor();
    inviteLink = await field.inputValue();
    expect(inviteLink).toMatch(new RegExp(`^${server.url}/register\\?invite=[A-Za-z0-9_-]{22}$`));
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(inviteLink);
    await page.getByRole('cell', { name: '1', exact: true }).first().waitFor();

    // Without the link, the sign-up page asks for a code.
    const visitor = await freshPage();
    await visitor.goto('/register');
    await expect(visitor.getByLabel('Invite code').inputValue()).resolves.toBe('');

    const guest = await freshPage();
    await guest.goto(inviteLink);
    await expect(guest.getByLabel('Invite code').inputValue()).resolves.toBe(new URL(inviteLink).searchParams.get('invite'));
    await guest.getByLabel('Email', { exact: true }).fill(`${invitee}@example.test`);
    await guest.getByLabel('Username').fill(invitee);
    await guest.getByLabel('Password').fill(password);
    await guest.getByRole('button', { name: 'Create account' }).click();
    await guest.getByRole('heading', { name: 'Your vault' }).waitFor();

    // A one-use invite is spent.
    const late = await freshPage();
    await late.goto(inviteLink);
    await late.getByLabel('Email', { exact: true }).fill(`late${invitee}@example.test`);
    await late.getByLabel('Username').fill(`late${invitee}`);
    await late.getByLabel('Password').fill(password);
    await late.getByRole('button', { name: 'Create account' }).click();
    await late.getByText('This invite is invalid or has been used').waitFor();
  });

  it('the invited person turns on two-factor sign-in by scanning a QR code, then signs in with a code', async () => {
    const page = await freshPage();
    await signIn(page, invitee);
    await page.goto('/account/two-factor');
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const secret = await page.getByTestId('totp-secret').innerText();
    await page.getByLabel('Code from the app').fill(totpCodeAt(secret, new Date()));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expect.poll(() => codes.count()).toBe(10);
    const recovery = await codes.first().innerText();
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('Two-factor sign-in is on.').waitFor();

    // Signing in again asks for a code after the password; a recovery code works in its place.
    const again = await freshPage();
    await again.goto('/login');
    await again.getByLabel('Email or username').fill(invitee);
    await again.getByLabel('Password').fill(password);
    await again.getByRole('button', { name: 'Sign in' }).click();
    await again.getByText('Two-factor code required').waitFor();
    await again.getByLabel('Two-factor code').fill(recovery.trim());
    await again.getByRole('button', { name: 'Sign in' }).click();
    await again.getByRole('heading', { name: 'Your vault' }).waitFor();
  });
});
