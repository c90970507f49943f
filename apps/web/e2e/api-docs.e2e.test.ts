import { freshDatabase, startBuiltServer, type BuiltServer, type FreshDatabase } from '@mediashare/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';

let database: FreshDatabase;
let server: BuiltServer;
let browser: Browser;

beforeAll(async () => {
  database = await freshDatabase('mediashare_docs');
  // No PUBLIC_URL, as on a default install: the document's server is relative to where it was fetched.
  server = await startBuiltServer({ ...database.env, PUBLIC_URL: '' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

/** Opens one operation on the docs page, presses "Try it out" and "Execute", and reads the answer. */
const tryIt = async (page: Page, tag: string, operationId: string) => {
  const operation = page.locator(`#operations-${tag.replaceAll(' ', '_')}-${operationId}`);
  if (!(await operation.getAttribute('class'))?.split(' ').includes('is-open')) {
    await operation.locator('.opblock-summary-control').click();
  }
  const tryOut = operation.locator('.try-out__btn');
  if ((await tryOut.textContent())?.includes('Try it out')) await tryOut.click();
  // A second try of the same operation: clear the first answer so the one read is the new one.
  const clear = operation.locator('.btn-clear');
  if (await clear.count()) await clear.click();
  await operation.locator('.btn.execute').click();
  const answer = operation.locator('.live-responses-table tr.response');
  await answer.waitFor();
  return {
    status: Number((await answer.locator('.response-col_status').textContent())?.trim()),
    requestUrl: (await operation.locator('.request-url pre').textContent())?.trim(),
    body: await answer.locator('.response-col_description pre').first().textContent(),
  };
};

describe('the docs page', () => {
  it('tries operations against the server that serves it, with the browser’s session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Swagger UI's bundle is large: on a loaded machine the page takes a while to come up.
    page.setDefaultTimeout(120_000);
    try {
      await page.goto(`${server.url}/api/docs`);
      // A public read.
      const tags = await tryIt(page, 'Community', 'listTags');
      expect(tags).toMatchObject({ status: 200, requestUrl: `${server.url}/api/tags` });
      expect(tags.body).toContain('"slug"');

      // Signed in through the page's own origin, "Try it" sends the session cookie and passes the origin check.
      const username = `docs${Date.now() % 1_000_000}`;
      await page.evaluate(
        async (body) => {
          const res = await fetch('/api/auth/register', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          if (res.status !== 201) throw new Error(`register answered ${res.status}`);
        },
        { email: `${username}@example.test`, username, password: 'a long enough password' },
      );
      const me = await tryIt(page, 'Accounts', 'getCurrentUser');
      expect(me).toMatchObject({ status: 200, requestUrl: `${server.url}/api/auth/me` });
      expect(me.body).toContain(`"username": "${username}"`);
      const signOut = await tryIt(page, 'Accounts', 'signOut');
      expect(signOut).toMatchObject({ status: 204, requestUrl: `${server.url}/api/auth/logout` });
      expect((await tryIt(page, 'Accounts', 'getCurrentUser')).status).toBe(401);
    } finally {
      await context.close();
    }
  });
});
