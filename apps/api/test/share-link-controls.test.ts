import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { share } from './support/share';
import { outcome, trpcFor } from './support/trpc-client';

let clock = Date.now();
let h: Harness;
let owner: TestUser;
let other: TestUser;
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(clock) });
  owner = await createUser(h.app);
  other = await createUser(h.app);
});
afterAll(() => h.close());

const HOUR = 3_600_000;
const visitor = (n: number | string) => ({ 'user-agent': `Mozilla/5.0 visitor-${n}` });

/** A shared item (link only) of `owner`; its code. */
const sharedItem = async (bytes?: Buffer, name = 'photo.png') => {
  const { body: item } = await uploadFile(h.app, owner, bytes ?? (await makeImage('png')), name);
  const { body } = await share(h, owner, item.id, { shareToCommunity: false });
  return { id: item.id as number, code: body.shareCode as string };
};
const patchLink = (id: number, json: unknown, user = owner) =>
  call(h.app, `/api/media/${id}/share/link`, { method: 'PATCH', json, cookie: user.cookie });
const open = (code: string, headers: Record<string, string> = visitor(0), cookie?: string) =>
  call(h.app, `/api/shared/media/${code}`, { headers, cookie });
const unlock = (code: string, password: string, headers: Record<string, string> = {}) =>
  call(h.app, `/api/shared/media/${code}/unlock`, { json: { password }, headers });

describe('GET /api/media/:id/share', () => {
  it('answers the current state: link defaults and views when shared, nulls when not', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png'), 'a.png');
    const before = await call(h.app, `/api/media/${item.id}/share`, { cookie: owner.cookie });
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      shareCode: null,
      shareUrl: null,
      shareToCommunity: false,
      tags: [],
      link: null,
      views: null,
      title: null,
      caption: null,
      altText: null,
      mature: false,
    });

    const { body: shared } = await share(h, owner, item.id, {
      shareToCommunity: true,
      tags: ['solo', 'artistic'],
      policyAgreed: true,
      title: 'Dusk',
      caption: 'Over the bay, see https://example.com',
      altText: 'An orange sky over dark water',
      mature: true,
    });
    const after = await call(h.app, `/api/media/${item.id}/share`, { cookie: owner.cookie });
    expect(after.body).toEqual({
      shareCode: shared.shareCode,
      shareUrl: `/shared/media/${shared.shareCode}`,
      shareToCommunity: true,
      tags: ['artistic', 'solo'],
      link: { expiresAt: null, maxViews: null, hasPassword: false, allowDownload: true, showMetadata: false },
      views: 0,
      title: 'Dusk',
      caption: 'Over the bay, see https://example.com',
      altText: 'An orange sky over dark water',
      mature: true,
    });
    // What the dialog edits is what the state answered: a re-share of one text keeps the others.
    await share(h, owner, item.id, { shareToCommunity: true, tags: ['solo'], policyAgreed: true, title: 'Dawn' });
    const edited = await call(h.app, `/api/media/${item.id}/share`, { cookie: owner.cookie });
    expect(edited.body).toMatchObject({ title: 'Dawn', altText: 'An orange sky over dark water', mature: true, tags: ['solo'] });
    expect(await trpcFor(h.app, owner.cookie).share.state.query({ id: item.id })).toEqual(edited.body);

    // A link-only share has no community texts to edit.
    await share(h, owner, item.id, { shareToCommunity: false });
    const linkOnly = await call(h.app, `/api/media/${item.id}/share`, { cookie: owner.cookie });
    expect(linkOnly.body).toMatchObject({ shareToCommunity: false, title: null, caption: null, altText: null, mature: false });
  });

  it("is a 404 Media not found for someone else's item or none, like the seed's routes", async () => {
    const { id } = await sharedItem();
    for (const path of [`/api/media/${id}/share`, '/api/media/2147483647/share']) {
      const res = await call(h.app, path, { cookie: other.cookie });
      expect([res.status, res.body]).toEqual([404, { message: 'Media not found' }]);
    }
    expect((await call(h.app, `/api/media/${id}/share`)).status).toBe(401);
  });
});

describe('PATCH /api/media/:id/share/link', () => {
  it('changes the settings given, clears with null, and answers the link', async () => {
    const { id } = await sharedItem();
    const expiresAt = new Date(clock + 7 * 24 * HOUR).toISOString();
    const res = await patchLink(id, {
      expiresAt,
      maxViews: 5,
      password: 'open sesame',
      allowDownload: false,
      showMetadata: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ expiresAt, maxViews: 5, hasPassword: true, allowDownload: false, showMetadata: true });
    const cleared = await patchLink(id, { expiresAt: null, maxViews: null, password: null });
    expect(cleared.body).toEqual({
      expiresAt: null,
      maxViews: null,
      hasPassword: false,
      allowDownload: false,
      showMetadata: true,
    });
    const state = await call(h.app, `/api/media/${id}/share`, { cookie: owner.cookie });
    expect(state.body.link).toEqual(cleared.body);
  });

  it('is a 404 Media is not shared for an item without a link, and Media not found for others', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png'), 'b.png');
    expect((await patchLink(item.id, { maxViews: 3 })).body).toEqual({ message: 'Media is not shared' });
    const { id } = await sharedItem();
    const res = await patchLink(id, { maxViews: 3 }, other);
    expect([res.status, res.body]).toEqual([404, { message: 'Media not found' }]);
  });

  it.each([
    [{ expiresAt: new Date(Date.now() - 1000).toISOString() }, 'Invalid field "expiresAt": must be in the future'],
    [
      { expiresAt: new Date(Date.now() + 11 * 365 * 24 * HOUR).toISOString() },
      'Invalid field "expiresAt": must be at most 10 years away',
    ],
    [{ expiresAt: 'tomorrow' }, 'Invalid field "expiresAt": must be an ISO 8601 date and time, such as 2030-01-31T12:00:00Z'],
    [{ maxViews: 0 }, 'Invalid field "maxViews": must be at least 1'],
    [{ maxViews: 1_000_001 }, 'Invalid field "maxViews": must be at most 1,000,000'],
    [{ maxViews: 2.5 }, 'Invalid field "maxViews": must be a whole number'],
    [{ password: 'short' }, 'Invalid field "password": must be at least 8 characters'],
    [{ password: 'x'.repeat(257) }, 'Invalid field "password": must be at most 256 characters'],
    [{ allowDownload: 'yes' }, 'Invalid field "allowDownload": must be true or false'],
  ])('refuses %j with 400 naming the field, changing nothing', async (body, message) => {
    clock = Date.now();
    const { id, code } = await sharedItem();
    const res = await patchLink(id, body);
    expect([res.status, res.body]).toEqual([400, { message }]);
    expect(await h.sql.select().from(schema.shareLinks).where(eq(schema.shareLinks.shareCode, code))).toEqual([]);
  });
});

describe('the public side of a link', () => {
  it('answers 410 This link has expired after expiresAt, on the page, file and renditions', async () => {
    clock = Date.now();
    const { id, code } = await sharedItem();
    await patchLink(id, { expiresAt: new Date(clock + HOUR).toISOString() });
    expect((await open(code)).status).toBe(200);
    clock += HOUR;
    for (const path of ['', '/file', '/preview', '/thumbnail']) {
      const res = await call(h.app, `/api/shared/media/${code}${path}`);
      expect([path, res.status, res.body]).toEqual([path, 410, { message: 'This link has expired' }]);
    }
    clock = Date.now();
  });

  it('counts views once per visitor per hour, not the owner nor link-preview bots; the view at the limit succeeds', async () => {
    clock = Date.now();
    const { id, code } = await sharedItem();
    await patchLink(id, { maxViews: 2 });
    expect((await open(code, visitor('a'))).status).toBe(200);
    expect((await open(code, visitor('a'))).status).toBe(200);
    expect((await open(code, visitor('a'), owner.cookie)).status).toBe(200);
    expect((await open(code, { 'user-agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' })).status).toBe(200);
    expect((await open(code, { 'user-agent': 'facebookexternalhit/1.1' })).status).toBe(200);
    expect((await call(h.app, `/api/media/${id}/share`, { cookie: owner.cookie })).body.views).toBe(1);
    // The second visitor's view reaches the limit and still succeeds; they keep their page and file.
    expect((await open(code, visitor('b'))).status).toBe(200);
    expect((await call(h.app, `/api/shared/media/${code}/file`, { headers: visitor('b') })).status).toBe(200);
    const third = await open(code, visitor('c'));
    expect([third.status, third.body]).toEqual([410, { message: 'This link has reached its view limit' }]);
    expect((await call(h.app, `/api/shared/media/${code}/file`, { headers: visitor('c') })).status).toBe(410);
    expect((await call(h.app, `/api/media/${id}/share`, { cookie: owner.cookie })).body.views).toBe(2);
    // A new hour is a new view: the first visitor is refused now.
    clock += HOUR;
    expect((await open(code, visitor('a'))).status).toBe(410);
    clock = Date.now();
  });

  it('stores no address, user agent or cookie: only keyed hashes', async () => {
    const { code } = await sharedItem();
    await open(code, { 'user-agent': 'Mozilla/5.0 very-identifiable-agent' });
    const rows = await h.sql.select().from(schema.shareLinkVisits).where(eq(schema.shareLinkVisits.shareCode, code));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(/identifiable|unknown|Mozilla/);
    expect(rows[0]!.visitor).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('asks for the password (401), unlocks with a cookie scoped to that link, which dies with a password change', async () => {
    const a = await sharedItem();
    const b = await sharedItem();
    await patchLink(a.id, { password: 'open sesame' });
    await patchLink(b.id, { password: 'open sesame' });
    for (const path of ['', '/file', '/preview', '/thumbnail']) {
      const res = await call(h.app, `/api/shared/media/${a.code}${path}`);
      expect([path, res.status, res.body]).toEqual([path, 401, { message: 'Password required', passwordRequired: true }]);
    }
    const wrong = await unlock(a.code, 'not the one');
    expect([wrong.status, wrong.body]).toEqual([401, { message: 'Wrong password' }]);

    const right = await unlock(a.code, 'open sesame');
    expect(right.status).toBe(204);
    const setCookie = right.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^msl_${a.code}=`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = right.setCookie!;
    expect((await open(a.code, visitor(1), cookie)).status).toBe(200);
    expect((await call(h.app, `/api/shared/media/${a.code}/file`, { cookie })).status).toBe(200);
    // Not another link's key, even with the same password: its cookie has another name and value.
    const forged = cookie.replace(a.code, b.code);
    expect((await open(b.code, visitor(1), forged)).status).toBe(401);

    await patchLink(a.id, { password: 'another secret' });
    expect((await open(a.code, visitor(1), cookie)).status).toBe(401);
    await patchLink(a.id, { password: null });
    expect((await open(a.code, visitor(1))).status).toBe(200);
  });

  it('refuses to check more after 10 wrong passwords per link in 15 minutes (429 Retry-After), whoever tries', async () => {
    clock = Date.now();
    const { id, code } = await sharedItem();
    await patchLink(id, { password: 'open sesame' });
    const other = await sharedItem();
    await patchLink(other.id, { password: 'open sesame' });
    // A right password does not spend the budget.
    expect((await unlock(code, 'open sesame')).status).toBe(204);
    for (let i = 0; i < 10; i++) expect((await unlock(code, `guess-${i}`, visitor(i))).status).toBe(401);
    const locked = await unlock(code, 'open sesame', visitor('late'));
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect(locked.body).toEqual({
      message: `Too many wrong passwords for this link; try again in ${locked.headers.get('retry-after')} s`,
    });
    // Another link is not affected; this one opens again once the window ends.
    expect((await unlock(other.code, 'open sesame')).status).toBe(204);
    clock += 15 * 60_000;
    expect((await unlock(code, 'open sesame')).status).toBe(204);
    clock = Date.now();
  });

  it('with downloads off serves the file inline only and refuses ?download=1 with 403', async () => {
    const { id, code } = await sharedItem();
    const download = await call(h.app, `/api/shared/media/${code}/file?download=1`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await open(code)).body.allowDownload).toBe(true);

    await patchLink(id, { allowDownload: false });
    expect((await open(code)).body.allowDownload).toBe(false);
    const inline = await call(h.app, `/api/shared/media/${code}/file`);
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-disposition')).toMatch(/^inline;/);
    const refused = await call(h.app, `/api/shared/media/${code}/file?download=1`);
    expect([refused.status, refused.body]).toEqual([403, { message: 'Downloads are turned off for this link' }]);
  });

  it('serves the copy without metadata by default and the original bytes with showMetadata', async () => {
    const original = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#369' } })
      .withExifMerge({ IFD0: { Make: 'Camera Co' } })
      .jpeg()
      .toBuffer();
    const { id, code } = await sharedItem(original, 'camera.jpg');
    const stripped = Buffer.from(await (await call(h.app, `/api/shared/media/${code}/file`)).raw.arrayBuffer());
    expect(stripped.includes(Buffer.from('Camera Co'))).toBe(false);
    await patchLink(id, { showMetadata: true });
    const served = Buffer.from(await (await call(h.app, `/api/shared/media/${code}/file`)).raw.arrayBuffer());
    expect(served.equals(original)).toBe(true);
  });

  it('keeps the seed behaviour for a link nobody changed', async () => {
    const { code } = await sharedItem();
    const res = await open(code);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ shareCode: code, allowDownload: true });
    // The first view made its row, with the defaults.
    const [row] = await h.sql.select().from(schema.shareLinks).where(eq(schema.shareLinks.shareCode, code));
    expect(row).toMatchObject({
      views: 1,
      expiresAt: null,
      maxViews: null,
      passwordHash: null,
      allowDownload: true,
      showMetadata: false,
    });
  });
});

describe('over tRPC', () => {
  it('reads and edits the link, unlocks it, and is refused with the same messages', async () => {
    clock = Date.now();
    const { id, code } = await sharedItem();
    const mine = trpcFor(h.app, owner.cookie);
    expect((await mine.share.state.query({ id })).link).toEqual({
      expiresAt: null,
      maxViews: null,
      hasPassword: false,
      allowDownload: true,
      showMetadata: false,
    });
    expect(await outcome(mine.share.updateLink.mutate({ id, maxViews: 0 }))).toEqual({
      status: 400,
      body: { message: 'Invalid field "maxViews": must be at least 1' },
    });
    expect(await outcome(mine.share.updateLink.mutate({ id, expiresAt: new Date(clock - 1).toISOString() }))).toEqual({
      status: 400,
      body: { message: 'Invalid field "expiresAt": must be in the future' },
    });
    expect((await mine.share.updateLink.mutate({ id, password: 'open sesame' })).hasPassword).toBe(true);

    const anonymous = trpcFor(h.app, undefined, visitor('trpc'));
    expect(await outcome(anonymous.shared.get.query({ code }))).toEqual({ status: 401, body: { message: 'Password required' } });
    expect(await outcome(anonymous.shared.unlock.mutate({ code, password: 'wrong one' }))).toEqual({
      status: 401,
      body: { message: 'Wrong password' },
    });
    const res = await h.app.request('/trpc/shared.unlock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, password: 'open sesame' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await trpcFor(h.app, cookie, visitor('trpc')).shared.get.query({ code })).shareCode).toBe(code);

    await mine.share.updateLink.mutate({ id, password: null, expiresAt: new Date(clock + HOUR).toISOString() });
    clock += HOUR;
    expect(await outcome(anonymous.shared.get.query({ code }))).toEqual({
      status: 404,
      body: { message: 'This link has expired' },
    });
    clock = Date.now();
  });
});
