import { drainRenditionJobs } from '@mediashare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { share } from './support/share';
import { INDEX_HTML, makeWebBuild } from './support/web-build';

let clock = Date.now();
let h: Harness;
let web: Awaited<ReturnType<typeof makeWebBuild>>;
let owner: TestUser;
beforeAll(async () => {
  web = await makeWebBuild();
  h = await createHarness({ webDistDir: web.dir, isolated: true, now: () => new Date(clock) });
  owner = await createUser(h.app);
});
afterAll(async () => {
  await h.close();
  await web.remove();
});

const htmlOf = async (code: string) => {
  const res = await call(h.app, `/shared/media/${code}`, { headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0' } });
  expect(res.status).toBe(200);
  return res.raw.text();
};

/** A shared image with its renditions made, so an open link's page carries a preview. */
const sharedImage = async () => {
  const { body: item } = await uploadFile(h.app, owner, await makeImage('png', 320, 240), 'secret.png');
  const { body } = await share(h, owner, item.id, { shareToCommunity: false });
  await drainRenditionJobs(h.deps);
  return { id: item.id as number, code: body.shareCode as string };
};
const settings = (id: number, json: unknown) =>
  call(h.app, `/api/media/${id}/share/link`, { method: 'PATCH', json, cookie: owner.cookie });

describe('the shared page of a closed link', () => {
  it('shows a preview while open, and nothing (no og:image, title or size) with a password, expired or used up', async () => {
    const open = await sharedImage();
    const html = await htmlOf(open.code);
    expect(html).toContain('og:image');
    expect(html).toContain('og:title');

    const locked = await sharedImage();
    await settings(locked.id, { password: 'open sesame' });
    const expiring = await sharedImage();
    await settings(expiring.id, { expiresAt: new Date(clock + 60_000).toISOString() });
    const usedUp = await sharedImage();
    await settings(usedUp.id, { maxViews: 1 });
    expect((await call(h.app, `/api/shared/media/${usedUp.code}`, { headers: { 'user-agent': 'a reader' } })).status).toBe(200);
    clock += 60_000;
    for (const { code } of [locked, expiring, usedUp]) {
      const closed = await htmlOf(code);
      expect(closed).toBe(INDEX_HTML);
      expect(closed).not.toMatch(/og:|twitter:|320|240/);
    }
    // Rendering the page counted nothing.
    const state = await call(h.app, `/api/media/${open.id}/share`, { cookie: owner.cookie });
    expect(state.body.views).toBe(0);
    clock = Date.now();
  });
});
