import { BUCKETS, drainRenditionJobs, hashIdempotencyKey, totpCodeAt } from '@mediashare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from './support/admins';
import { armable } from './support/faults';
import { createUser, fileForm, uploadFile, type TestUser } from './support/factories';
import { makeImage, makePngBomb, readFixture } from './support/fixtures';
import { makeAdmin, patternImage } from './support/moderation';
import { createHarness, INTERNAL_TOKEN, type Harness } from './support/harness';
import { call, recordOperations, type CallOptions } from './support/http';
import { document } from './support/openapi';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';

/**
 * Exercises every path and every status the OpenAPI document lists. (Every response any test sees is
 * also validated against the document, in support/http.ts.)
 */
let h: Harness;
let arm: ReturnType<typeof armable>;
const recorder = recordOperations();
let owner: TestUser;
let stranger: TestUser;
let readToken: string;
let shareToken: string;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  h = await createHarness({
    isolated: true,
    env: {
      INTERNAL_API_TOKEN: INTERNAL_TOKEN,
      MAX_UPLOAD_BYTES: String(512 * 1024),
      MAX_IMAGE_PIXELS: '4000000',
      LOGIN_MAX_FAILURES: '3',
      SMTP_URL: sink.url,
      // A short progress window, so a stalled upload is cut within the test.
      UPLOAD_WINDOW_SECONDS: '0.5',
      METRICS_TOKEN: 'metrics-token-for-the-contract',
    },
    wrapPorts: (storage, database) => (arm = armable(storage, database)),
  });
  owner = await createUser(h.app);
  stranger = await createUser(h.app);
  const mint = async (scopes: string[]) =>
    (await call(h.app, '/api/user/tokens', { json: { name: scopes.join('+'), scopes }, cookie: owner.cookie })).body
      .token as string;
  readToken = await mint(['read']);
  shareToken = await mint(['share']);
});
afterAll(async () => {
  recorder.stop();
  await h.close();
  await sink.close();
});

const evil = { origin: 'https://evil.example' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const badBearer = bearer(`msk_${'B'.repeat(43)}`);
const huge = { filler: 'x'.repeat(70 * 1024) };
const send = (path: string, options: CallOptions = {}) => call(h.app, path, options);
const image = async (name = 'photo.jpg') =>
  (await uploadFile(h.app, owner, await makeImage('jpeg', 200, 150), name)).body as { id: number; filePath: string };

describe('the OpenAPI document', () => {
  it('is served, with a docs page that needs no CDN', async () => {
    const res = await send('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(Object.keys(document.paths ?? {}));
    const page = await send('/api/docs');
    const html = await page.raw.text();
    expect(html).toContain('/api/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    expect((await send('/api/docs/swagger-ui-bundle.js')).status).toBe(200);
    expect((await send('/api/docs/swagger-ui.css')).status).toBe(200);
    expect((await send('/api/openapi.json', { headers: badBearer })).status).toBe(401);
    expect((await send('/api/docs', { headers: badBearer })).status).toBe(401);
  });

  it('answers as documented on every path, with every documented status', async () => {
    const cookie = owner.cookie;
    // Accounts
    const name = `contract${Date.now() % 1_000_000}`;
    await send('/api/auth/register', {
      json: { email: `${name}@example.test`, username: name, password: 'long enough password' },
    });
    await send('/api/auth/register', { json: { email: 'nope', username: 'x', password: 'y' } });
    await send('/api/auth/register', { json: { email: owner.email, username: `${name}b`, password: 'long enough password' } });
    await send('/api/auth/register', { json: {}, headers: evil });
    await send('/api/auth/register', { json: huge });
    await send('/api/auth/register', { body: '{}', headers: { 'content-type': 'text/plain' } });
    await send('/api/auth/register', { json: {}, headers: badBearer });
    {
      // Every hashing place of this address (app.request has none: "unknown") taken, then a registration.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const runs = Array.from({ length: 10 }, () => h.deps.hashing.run('unknown', () => held));
      await send('/api/auth/register', {
        json: { email: `${name}c@example.test`, username: `${name}c`, password: 'long enough password' },
      });
      release();
      await Promise.all(runs);
    }
    await send('/api/auth/login', { json: { email: owner.email, password: owner.password } });
    await send('/api/auth/login', { json: { email: owner.email } });
    for (let i = 0; i < 4; i++) await send('/api/auth/login', { json: { email: stranger.email, password: `wrong ${i}` } });
    await send('/api/auth/login', { json: { email: stranger.email, password: stranger.password }, headers: evil });
    await send('/api/auth/login', { json: huge });
    await send('/api/auth/login', { body: '{}', headers: { 'content-type': 'text/plain' } });
    await send('/api/auth/me', { cookie });
    await send('/api/auth/me');
    await send('/api/auth/me', { headers: badBearer });
    await send('/api/auth/me', { headers: bearer(shareToken) });
    const throwaway = await createUser(h.app);
    await send('/api/auth/logout', { method: 'POST', cookie: throwaway.cookie, headers: evil });
    await send('/api/auth/logout', { method: 'POST', cookie: throwaway.cookie });
    await send('/api/auth/logout', { method: 'POST', headers: badBearer });

    // Vault
    const photo = await image();
    await send('/api/user/media', { method: 'POST', body: new FormData(), cookie });
    await send('/api/user/media', { method: 'POST', body: fileForm(await makeImage('png')) });
    await send('/api/user/media', { method: 'POST', body: fileForm(await makeImage('png')), cookie, headers: evil });
    await send('/api/user/media', {
      method: 'POST',
      body: fileForm(Buffer.concat([readFixture('clip.mp4'), Buffer.alloc(600 * 1024)])),
      cookie,
    });
    await send('/api/user/media', { method: 'POST', body: fileForm(Buffer.from('<html></html>')), cookie });
    await send('/api/user/media', { method: 'POST', body: fileForm(makePngBomb(5000, 5000)), cookie });
    await send('/api/user/media', { cookie });
    await send('/api/user/media?cursor=bad', { cookie });
    await send('/api/user/media');
    await send('/api/user/media', { headers: bearer(shareToken) });
    for (const suffix of ['', '/file']) {
      await send(`/api/user/media/${photo.id}${suffix}`, { cookie });
      await send(`/api/user/media/abc${suffix}`, { cookie });
      await send(`/api/user/media/${photo.id}${suffix}`);
      await send(`/api/user/media/${photo.id}${suffix}`, { headers: bearer(shareToken) });
      await send(`/api/user/media/${photo.id}${suffix}`, { cookie: stranger.cookie });
    }
    await send(`/api/user/media/${photo.id}/file`, { cookie, headers: { range: 'bytes=0-9' } });
    await send(`/api/user/media/${photo.id}/file`, { cookie, headers: { range: 'bytes=999999-' } });
    // Renditions: pending (404) until the job has run, then with ETag and Range.
    const pending = await image('pending.jpg');
    await send(`/api/user/media/${pending.id}/thumbnail`, { cookie });
    await drainRenditionJobs(h.deps);
    for (const kind of ['thumbnail', 'preview']) {
      const made = await send(`/api/user/media/${photo.id}/${kind}`, { cookie });
      await send(`/api/user/media/${photo.id}/${kind}`, { cookie, headers: { 'if-none-match': made.headers.get('etag')! } });
      await send(`/api/user/media/${photo.id}/${kind}`, { cookie, headers: { range: 'bytes=0-9' } });
      await send(`/api/user/media/${photo.id}/${kind}`, { cookie, headers: { range: 'bytes=999999-' } });
      await send(`/api/user/media/abc/${kind}`, { cookie });
      await send(`/api/user/media/${photo.id}/${kind}`);
      await send(`/api/user/media/${photo.id}/${kind}`, { headers: bearer(shareToken) });
      await send(`/api/user/media/${photo.id}/${kind}`, { cookie: stranger.cookie });
    }
    const doomed = await image('doomed.jpg');
    await send(`/api/user/media/${doomed.id}`, { method: 'DELETE', cookie: stranger.cookie });
    await send(`/api/user/media/${doomed.id}`, { method: 'DELETE' });
    await send(`/api/user/media/abc`, { method: 'DELETE', cookie });
    await send(`/api/user/media/${doomed.id}`, { method: 'DELETE', headers: bearer(readToken) });
    await send(`/api/user/media/${doomed.id}`, { method: 'DELETE', cookie });

    // Sharing by id
    const community = { tags: ['night'], policyAgreed: true };
    const shareOf = (id: number | string) => `/api/media/${id}/share`;
    const shared = await send(shareOf(photo.id), { json: community, cookie });
    await send(shareOf('abc'), { json: community, cookie });
    await send(shareOf(photo.id), { json: community });
    await send(shareOf(photo.id), { json: community, headers: bearer(readToken) });
    await send(shareOf(photo.id), { json: community, cookie: stranger.cookie });
    await send(shareOf(photo.id), { json: huge, cookie });
    await send(shareOf(photo.id), { body: '{}', headers: { 'content-type': 'text/plain' }, cookie });
    const fresh = await image();
    arm.failNext('storage.put');
    await send(shareOf(fresh.id), { json: community, cookie });
    arm.failNext('lock');
    await send(shareOf(fresh.id), { json: community, cookie });
    const unshared = await image();
    await send(shareOf(unshared.id), { json: community, cookie });
    await send(shareOf(unshared.id), { method: 'DELETE', cookie: stranger.cookie });
    await send(shareOf('abc'), { method: 'DELETE', cookie });
    await send(shareOf(unshared.id), { method: 'DELETE' });
    await send(shareOf(unshared.id), { method: 'DELETE', headers: bearer(readToken) });
    arm.failNext('media.findOwnedShareState');
    await send(shareOf(unshared.id), { method: 'DELETE', cookie });
    arm.failNext('lock');
    await send(shareOf(unshared.id), { method: 'DELETE', cookie });
    await send(shareOf(unshared.id), { method: 'DELETE', cookie });

    // Sharing by path
    const byPath = (body: unknown, options: CallOptions = {}) =>
      send('/api/user/media/share', { json: body, cookie, ...options });
    const loose = `${owner.id}/generated/babecock/loose.png`;
    await h.deps.storage.put(BUCKETS.userMedia, loose, await makeImage('png'), { contentType: 'image/png' });
    await h.deps.storage.put(BUCKETS.userMedia, `${owner.id}/uploads/page.png`, Buffer.from('<html></html>'), {
      contentType: 'image/png',
    });
    await h.deps.storage.put(BUCKETS.userMedia, `${owner.id}/uploads/bomb.png`, makePngBomb(5000, 5000), {
      contentType: 'image/png',
    });
    await byPath({ filePath: loose, shareToCommunity: false });
    await byPath({ filePath: '' });
    await byPath({ filePath: loose }, { cookie: undefined });
    await byPath({ filePath: loose }, { cookie: undefined, headers: bearer(readToken) });
    await byPath({ filePath: `${stranger.id}/uploads/x.png` });
    await byPath({ filePath: `${owner.id}/uploads/page.png`, shareToCommunity: false });
    await byPath({ filePath: `${owner.id}/uploads/bomb.png`, shareToCommunity: false });
    await byPath(huge);
    await byPath(undefined, { body: '{}', headers: { 'content-type': 'text/plain' } });
    arm.failNext('storage.copy');
    await byPath({ filePath: loose });
    arm.failNext('lock');
    await byPath({ filePath: loose });

    // Share links
    const code = shared.body.shareCode as string;
    for (const suffix of ['', '/file']) {
      await send(`/api/shared/media/${code}${suffix}`);
      await send(`/api/shared/media/nope${suffix}`);
      await send(`/api/shared/media/${code}${suffix}`, { headers: badBearer });
    }
    await send(`/api/shared/media/${code}/file`, { headers: { range: 'bytes=0-9' } });
    await send(`/api/shared/media/${code}/file`, { headers: { range: 'bytes=999999-' } });
    const unstrippable = await image('unstrippable.jpg');
    const unstrippableCode = (await send(shareOf(unstrippable.id), { json: { shareToCommunity: false }, cookie })).body
      .shareCode as string;
    arm.failNext('storage.get');
    await send(`/api/shared/media/${unstrippableCode}/file`);
    const linkOnly = await image('link-only.jpg');
    const linkCode = (await send(shareOf(linkOnly.id), { json: { shareToCommunity: false }, cookie })).body.shareCode as string;
    await send(`/api/shared/media/${linkCode}/preview`);
    await drainRenditionJobs(h.deps);
    for (const kind of ['thumbnail', 'preview']) {
      const made = await send(`/api/shared/media/${linkCode}/${kind}`);
      await send(`/api/shared/media/${linkCode}/${kind}`, { headers: { 'if-none-match': made.headers.get('etag')! } });
      await send(`/api/shared/media/${linkCode}/${kind}`, { headers: { range: 'bytes=0-9' } });
      await send(`/api/shared/media/${linkCode}/${kind}`, { headers: { range: 'bytes=999999-' } });
      await send(`/api/shared/media/nope/${kind}`);
      await send(`/api/shared/media/${linkCode}/${kind}`, { headers: badBearer });
    }

    // Share link controls (issue 12)
    const guarded = await image('guarded.jpg');
    const guardedCode = (await send(shareOf(guarded.id), { json: { shareToCommunity: false }, cookie })).body.shareCode as string;
    const linkOf = (id: number | string) => `${shareOf(id)}/link`;
    const settings = (id: number | string, body: unknown, options: CallOptions = {}) =>
      send(linkOf(id), { method: 'PATCH', json: body, cookie, ...options });
    for (const id of [guarded.id, 'abc']) await send(shareOf(id), { cookie });
    await send(shareOf(guarded.id));
    await send(shareOf(guarded.id), { headers: bearer(shareToken) });
    await send(shareOf(guarded.id), { cookie: stranger.cookie });
    await settings(guarded.id, { password: 'open sesame', allowDownload: false });
    await settings(guarded.id, { maxViews: 0 });
    await settings(guarded.id, { maxViews: 1 }, { cookie: undefined });
    await settings(guarded.id, { maxViews: 1 }, { cookie: undefined, headers: bearer(readToken) });
    await settings((await image('unshared.jpg')).id, { maxViews: 1 });
    await settings(guarded.id, huge);
    await send(linkOf(guarded.id), { method: 'PATCH', body: '{}', headers: { 'content-type': 'text/plain' }, cookie });
    const unlockOf = (code: string, body: unknown, options: CallOptions = {}) =>
      send(`/api/shared/media/${code}/unlock`, { json: body, ...options });
    await send(`/api/shared/media/${guardedCode}`);
    await unlockOf(guardedCode, { password: 'open sesame' });
    await unlockOf(guardedCode, {});
    await unlockOf('nope', { password: 'open sesame' });
    await unlockOf(guardedCode, { password: 'open sesame' }, { headers: evil });
    await unlockOf(guardedCode, huge);
    await send(`/api/shared/media/${guardedCode}/unlock`, { body: '{}', headers: { 'content-type': 'text/plain' } });
    for (let i = 0; i < 11; i++) await unlockOf(guardedCode, { password: `wrong ${i}` });
    // Used up: one view allowed, the next visitor gets 410 everywhere; downloads off is a 403.
    await settings(guarded.id, { password: null, maxViews: 1 });
    await send(`/api/shared/media/${guardedCode}/file?download=1`);
    await send(`/api/shared/media/${guardedCode}/file?download=yes`);
    await send(`/api/shared/media/${guardedCode}`, { headers: { 'user-agent': 'first visitor' } });
    for (const suffix of ['', '/file', '/thumbnail', '/preview']) {
      await send(`/api/shared/media/${guardedCode}${suffix}`, { headers: { 'user-agent': 'second visitor' } });
    }
    const lapsing = await image('lapsing.jpg');
    const lapsingCode = (await send(shareOf(lapsing.id), { json: { shareToCommunity: false }, cookie })).body.shareCode as string;
    await settings(lapsing.id, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await h.deps.db.shareLinks.update(lapsingCode, lapsing.id, { expiresAt: new Date(Date.now() - 1000) });
    await unlockOf(lapsingCode, { password: 'open sesame' });
    await send('/api/user/exposure', { cookie });
    await send('/api/user/exposure?cursor=bad', { cookie });
    await send('/api/user/exposure');
    await send('/api/user/exposure', { headers: bearer(shareToken) });
    await send('/api/user/community', { cookie });
    await send('/api/user/community?cursor=bad', { cookie });
    await send('/api/user/community');
    await send('/api/user/community', { headers: bearer(shareToken) });
    const revoke = (body: unknown, options: CallOptions = {}) =>
      send('/api/user/exposure/revoke', { json: body, cookie: stranger.cookie, ...options });
    await revoke({ links: true, community: true });
    await revoke({});
    await revoke({ links: true }, { cookie: undefined });
    await revoke({ links: true }, { cookie: undefined, headers: bearer(readToken) });
    await revoke(huge);
    await send('/api/user/exposure/revoke', { body: '{}', headers: { 'content-type': 'text/plain' }, cookie: stranger.cookie });

    // Community and tags
    await send('/api/community');
    await send('/api/community?limit=0');
    await send('/api/community', { headers: badBearer });
    await send(`/api/community/${shared.body.communityMediaId}`);
    await send('/api/community/abc');
    await send('/api/community/2147483000');
    await send('/api/community/1', { headers: badBearer });
    const withdrawn = await image('withdrawn.jpg');
    const listed = (await send(shareOf(withdrawn.id), { json: community, cookie })).body.communityMediaId as number;
    await send(`/api/community/${listed}`, { method: 'DELETE' });
    await send(`/api/community/${listed}`, { method: 'DELETE', headers: bearer(readToken) });
    await send(`/api/community/${listed}`, { method: 'DELETE', cookie: stranger.cookie });
    await send('/api/community/abc', { method: 'DELETE', cookie });
    arm.failNext('community.findById');
    await send(`/api/community/${listed}`, { method: 'DELETE', cookie });
    arm.failNext('lock');
    await send(`/api/community/${listed}`, { method: 'DELETE', cookie });
    await send(`/api/community/${listed}`, { method: 'DELETE', headers: bearer(shareToken) });
    await send('/api/config');
    await send('/api/config', { headers: badBearer });
    await send('/api/tags');
    await send('/api/tags', { headers: badBearer });
    await send(`/api/community?user=nobody${name}`);
    await send('/api/tags/suggest?q=ni');
    await send('/api/tags/suggest');
    await send('/api/tags/suggest?q=ni', { headers: badBearer });
    const permalink = encodeURIComponent(`${h.deps.env.PUBLIC_URL}/community/${shared.body.communityMediaId}`);
    await send(`/api/oembed?url=${permalink}&format=json`);
    await send('/api/oembed');
    await send(`/api/oembed?url=${permalink}`, { headers: badBearer });
    await send(`/api/oembed?url=${encodeURIComponent('https://elsewhere.example/community/1')}`);
    await send(`/api/oembed?url=${permalink}&format=xml`);
    for (const feed of ['/community/feed.xml', '/community/feed.atom', '/community/feed.json']) {
      const made = await send(feed);
      await send(feed, { headers: { 'if-none-match': made.headers.get('etag')! } });
      await send(`${feed}?origin=mine`);
      await send(`${feed}?user=nobody${name}`);
    }

    // Tokens
    const created = await send('/api/user/tokens', { json: { name: 'contract', scopes: ['read'] }, cookie });
    await send('/api/user/tokens', { json: { name: '', scopes: [] }, cookie });
    await send('/api/user/tokens', { json: { name: 'x', scopes: ['read'] } });
    await send('/api/user/tokens', { json: { name: 'x', scopes: ['read'] }, headers: bearer(readToken) });
    await send('/api/user/tokens', { json: huge, cookie });
    await send('/api/user/tokens', { body: '{}', headers: { 'content-type': 'text/plain' }, cookie });
    await send('/api/user/tokens', { cookie });
    await send('/api/user/tokens');
    await send('/api/user/tokens', { headers: bearer(readToken) });
    await send(`/api/user/tokens/${created.body.id}`, { method: 'DELETE', cookie });
    await send('/api/user/tokens/abc', { method: 'DELETE', cookie });
    await send(`/api/user/tokens/${created.body.id}`, { method: 'DELETE' });
    await send(`/api/user/tokens/${created.body.id}`, { method: 'DELETE', headers: bearer(readToken) });
    await send(`/api/user/tokens/${created.body.id}`, { method: 'DELETE', cookie });

    // The account's export
    expect((await send('/api/user/export', { cookie })).headers.get('content-type')).toBe('application/zip');
    await send('/api/user/export');
    await send('/api/user/export', { headers: badBearer });
    await send('/api/user/export', { headers: bearer(readToken) });

    // Deleting an account: refusals first, then wrong passwords up to the throttle, then the deletion.
    const leaving = await createUser(h.app);
    const leavingToken = (await send('/api/user/tokens', { json: { name: 'l', scopes: ['read'] }, cookie: leaving.cookie })).body
      .token as string;
    const leave = (body: unknown, options: CallOptions = {}) =>
      send('/api/auth/me', { method: 'DELETE', json: body, cookie: leaving.cookie, ...options });
    await leave({ password: leaving.password }, { cookie: undefined });
    await leave({ password: leaving.password }, { cookie: undefined, headers: badBearer });
    await leave({ password: leaving.password }, { cookie: undefined, headers: bearer(leavingToken) });
    await leave({ password: leaving.password }, { headers: evil });
    await leave({});
    await leave(huge);
    await send('/api/auth/me', {
      method: 'DELETE',
      body: '{}',
      headers: { 'content-type': 'text/plain' },
      cookie: leaving.cookie,
    });
    await leave({ password: leaving.password });
    const guesser = await createUser(h.app);
    for (let i = 0; i < 4; i++) {
      await send('/api/auth/me', { method: 'DELETE', json: { password: `wrong ${i}` }, cookie: guesser.cookie });
    }

    // Account settings and sessions
    const account = await createUser(h.app);
    const accountToken = (
      await send('/api/user/tokens', { json: { name: 'a', scopes: ['read', 'share'] }, cookie: account.cookie })
    ).body.token as string;
    const passwordBody = { currentPassword: account.password, newPassword: 'a new long password' };
    await send('/api/auth/password', { json: { ...passwordBody, currentPassword: 'wrong' }, cookie: account.cookie });
    await send('/api/auth/password', { json: { currentPassword: 'x' }, cookie: account.cookie });
    await send('/api/auth/password', { json: passwordBody });
    await send('/api/auth/password', { json: passwordBody, headers: badBearer });
    await send('/api/auth/password', { json: passwordBody, headers: bearer(accountToken) });
    await send('/api/auth/password', { json: passwordBody, cookie: account.cookie, headers: evil });
    await send('/api/auth/password', { json: huge, cookie: account.cookie });
    await send('/api/auth/password', { body: '{}', headers: { 'content-type': 'text/plain' }, cookie: account.cookie });
    await send('/api/auth/password', { json: passwordBody, cookie: account.cookie });
    for (let i = 0; i < 3; i++) {
      await send('/api/auth/password', { json: { ...passwordBody, currentPassword: `wrong ${i}` }, cookie: account.cookie });
    }
    const profile = (body: unknown, options: CallOptions = {}) =>
      send('/api/auth/me', { method: 'PATCH', json: body, cookie: account.cookie, ...options });
    await profile({ username: `${name}c` });
    await profile({});
    await profile({ email: stranger.email });
    await profile({ username: 'x' }, { cookie: undefined });
    await profile({ username: 'x' }, { cookie: undefined, headers: badBearer });
    await profile({ username: 'x' }, { cookie: undefined, headers: bearer(accountToken) });
    await profile({ username: 'x' }, { headers: evil });
    await profile(huge);
    await send('/api/auth/me', {
      method: 'PATCH',
      body: '{}',
      headers: { 'content-type': 'text/plain' },
      cookie: account.cookie,
    });
    const [listedSession] = (await send('/api/auth/sessions', { cookie: account.cookie })).body as { id: string }[];
    await send('/api/auth/sessions');
    await send('/api/auth/sessions', { headers: badBearer });
    await send('/api/auth/sessions', { headers: bearer(accountToken) });
    const sessionPath = `/api/auth/sessions/${listedSession!.id}`;
    await send(sessionPath, { method: 'DELETE', cookie: stranger.cookie });
    await send('/api/auth/sessions/abc', { method: 'DELETE', cookie: account.cookie });
    await send(sessionPath, { method: 'DELETE' });
    await send(sessionPath, { method: 'DELETE', headers: badBearer });
    await send(sessionPath, { method: 'DELETE', headers: bearer(accountToken) });
    await send(sessionPath, { method: 'DELETE', cookie: account.cookie, headers: evil });
    const others = '/api/auth/sessions/revoke-others';
    await send(others, { method: 'POST', cookie: account.cookie });
    await send(others, { method: 'POST' });
    await send(others, { method: 'POST', headers: badBearer });
    await send(others, { method: 'POST', headers: bearer(accountToken) });
    await send(others, { method: 'POST', cookie: account.cookie, headers: evil });
    await send(sessionPath, { method: 'DELETE', cookie: account.cookie });

    // Password recovery
    const { createPasswordReset } = await import('@mediashare/core');
    const resetLink = (await createPasswordReset(h.deps, { login: account.email })).path;
    const resetBody = { token: resetLink.split('/').pop(), newPassword: 'from a reset link' };
    await send('/api/auth/reset-password', { json: resetBody });
    await send('/api/auth/reset-password', { json: resetBody });
    await send('/api/auth/reset-password', { json: resetBody, headers: evil });
    await send('/api/auth/reset-password', { json: huge });
    {
      // Every hashing place of this address ("unknown") taken, then a reset.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const runs = Array.from({ length: 10 }, () => h.deps.hashing.run('unknown', () => held));
      await send('/api/auth/reset-password', { json: { token: 'A'.repeat(43), newPassword: 'from a made-up link' } });
      release();
      await Promise.all(runs);
    }
    await send('/api/auth/reset-password', { body: '{}', headers: { 'content-type': 'text/plain' } });
    await send('/api/auth/reset-password', { json: resetBody, headers: badBearer });
    await send('/api/auth/forgot-password', { json: { email: `${name}x@example.test` } });
    await send('/api/auth/forgot-password', { json: { email: 'nope' } });
    await send('/api/auth/forgot-password', { json: { email: owner.email }, headers: evil });
    await send('/api/auth/forgot-password', { json: huge });
    await send('/api/auth/forgot-password', { body: '{}', headers: { 'content-type': 'text/plain' } });
    await send('/api/auth/forgot-password', { json: { email: owner.email }, headers: badBearer });
    const noMail = await createHarness({ database: h.deps.db, watermark: h.deps.watermark });
    await call(noMail.app, '/api/auth/forgot-password', { json: { email: owner.email } });
    await noMail.close();

    // Internal apps
    const internal = (path: string, body: Uint8Array, token = INTERNAL_TOKEN) =>
      send(path, { method: 'POST', body: fileForm(body), headers: { authorization: `Bearer ${token}` } });
    const generatedPath = `/api/internal/users/${owner.id}/generated/babecock`;
    await internal(generatedPath, await makeImage('png'));
    await internal(`/api/internal/users/${owner.id}/generated/upload`, await makeImage('png'));
    await internal(generatedPath, await makeImage('png'), 'wrong-token-wrong-token-wrong-token-000');
    await internal(generatedPath, Buffer.concat([readFixture('clip.mp4'), Buffer.alloc(600 * 1024)]));
    await internal(generatedPath, Buffer.from('<svg/>'));
    await internal(generatedPath, makePngBomb(5000, 5000));
    arm.failNext('users.findById');
    await internal(generatedPath, await makeImage('png'));

    // Budgets: a second process on the same database whose budgets allow one request each.
    const tight = await createHarness({
      database: h.deps.db,
      watermark: h.deps.watermark,
      env: Object.fromEntries(
        ['UPLOADS', 'SHARES', 'TOKENS', 'REGISTRATIONS', 'REPORTS'].map((name) => [
          `RATE_LIMIT_${name}`,
          'account:1/1h,address:1/1h',
        ]),
      ),
    });
    try {
      const twice = async (path: string, options: () => Promise<CallOptions> | CallOptions) => {
        await call(tight.app, path, await options());
        expect((await call(tight.app, path, await options())).status).toBe(429);
      };
      await twice('/api/auth/register', () => {
        const name = `tight${Date.now() % 1_000_000}${Math.random().toString(36).slice(2, 6)}`;
        return { json: { email: `${name}@example.test`, username: name, password: 'long enough password' } };
      });
      await twice('/api/user/media', async () => ({ method: 'POST', body: fileForm(await makeImage('png'), 'a.png'), cookie }));
      await twice(`/api/media/${photo.id}/share`, () => ({ json: { shareToCommunity: false }, cookie }));
      await twice('/api/user/media/share', () => ({ json: { filePath: photo.filePath, shareToCommunity: false }, cookie }));
      await twice('/api/user/tokens', () => ({ json: { name: 'tight', scopes: ['read'] }, cookie }));
      await twice(`/api/media/${photo.id}/share/link`, () => ({ method: 'PATCH', json: { maxViews: 5 }, cookie }));
      await twice('/api/user/exposure/revoke', () => ({ json: { links: true }, cookie: stranger.cookie }));
      await twice(`/api/community/${shared.body.communityMediaId}/reports`, () => ({ json: { reason: 'spam' }, cookie }));
      await twice(`/api/shared/media/${shared.body.shareCode}/reports`, () => ({ json: { reason: 'spam' }, cookie }));
    } finally {
      await tight.close();
    }

    // Idempotency-Key: a malformed key, the same key with another body (422), and a key another process
    // still holds (409, here after one short wait).
    const impatient = await createHarness({
      database: h.deps.db,
      watermark: h.deps.watermark,
      env: { SHARE_WAIT_SECONDS: '0.05' },
    });
    try {
      const creating: [string, (variant: number) => Promise<CallOptions>][] = [
        ['/api/user/media', async (v) => ({ body: fileForm(await makeImage('png', 40 + v, 30), 'k.png') })],
        [`/api/media/${photo.id}/share`, async (v) => ({ json: { shareToCommunity: v === 1 } })],
        ['/api/user/media/share', async (v) => ({ json: { filePath: photo.filePath, shareToCommunity: v === 1 } })],
        ['/api/user/tokens', async (v) => ({ json: { name: `keyed ${v}`, scopes: ['read'] } })],
      ];
      for (const [path, options] of creating) {
        const key = `contract-${path}-${Date.now()}`;
        const keyed = async (v: number, k = key) => {
          const o = await options(v);
          return call(impatient.app, path, { ...o, cookie, headers: { 'idempotency-key': k } });
        };
        expect((await keyed(0, 'not a key')).status).toBe(400);
        expect((await keyed(0)).status).toBeLessThan(300);
        expect((await keyed(1)).status).toBe(422);
        const now = new Date();
        await h.deps.db.idempotencyKeys.acquire(
          {
            userId: owner.id,
            keyHash: hashIdempotencyKey(owner.id, `${key}-held`),
            lockedUntil: new Date(now.getTime() + 60_000),
            expiresAt: new Date(now.getTime() + 60_000),
          },
          now,
        );
        expect((await keyed(0, `${key}-held`)).status).toBe(409);
      }
    } finally {
      await impatient.close();
    }
    // Moderation (issue 13): the policy, receipts, reports and the admin routes.
    const admin = await makeAdmin(h, await createUser(h.app));
    const { body: pictured } = await uploadFile(h.app, owner, await patternImage(7), 'pictured.png');
    const published = (await send(shareOf(pictured.id), { json: community, cookie })).body;
    await send(shareOf(pictured.id), { json: { ...community, policyVersion: 'outdated' }, cookie });
    await send('/api/policy');
    await send('/api/policy', { headers: badBearer });
    await send('/api/user/media/share', {
      json: { filePath: pictured.filePath, ...community, policyVersion: 'outdated' },
      cookie,
    });
    const consentOf = (id: number | string) => `/api/community/${id}/consent`;
    await send(consentOf(published.communityMediaId), { cookie });
    await send(consentOf('abc'), { cookie });
    await send(consentOf(published.communityMediaId), { cookie: stranger.cookie });
    await send(consentOf(published.communityMediaId));
    await send(consentOf(published.communityMediaId), { headers: bearer(shareToken) });
    await send(consentOf(published.communityMediaId), { headers: badBearer });
    const reportOf = (id: number | string) => `/api/community/${id}/reports`;
    const linkReportOf = (code: string) => `/api/shared/media/${code}/reports`;
    const filed = await send(reportOf(published.communityMediaId), { json: { reason: 'copyright' }, cookie: stranger.cookie });
    await send(reportOf(published.communityMediaId), { json: { reason: 'copyright' }, cookie: stranger.cookie });
    await send(reportOf('abc'), { json: { reason: 'spam' } });
    await send(reportOf(2_000_000_000), { json: { reason: 'spam' } });
    await send(reportOf(published.communityMediaId), { json: { reason: 'boring' } });
    await send(reportOf(published.communityMediaId), { json: huge });
    await send(reportOf(published.communityMediaId), { body: '{}', headers: { 'content-type': 'text/plain' } });
    await send(reportOf(published.communityMediaId), { json: { reason: 'spam' }, headers: { origin: 'https://evil.example' } });
    await send(reportOf(published.communityMediaId), { json: { reason: 'spam' }, headers: badBearer });
    await send(linkReportOf(published.shareCode), { json: { reason: 'spam' }, cookie: stranger.cookie });
    await send(linkReportOf(published.shareCode), { json: { reason: 'spam' } });
    await send(linkReportOf('nope'), { json: { reason: 'spam' } });
    await send(linkReportOf(published.shareCode), { json: { reason: 'boring' } });
    await send(linkReportOf(published.shareCode), { json: huge });
    await send(linkReportOf(published.shareCode), { body: '{}', headers: { 'content-type': 'text/plain' } });
    await send(linkReportOf(published.shareCode), { json: { reason: 'spam' }, headers: { origin: 'https://evil.example' } });
    await send(linkReportOf(published.shareCode), { json: { reason: 'spam' }, headers: badBearer });
    const matureSetting = '/api/user/settings/mature';
    await send(matureSetting, { method: 'PUT', json: { showMature: true }, cookie });
    await send(matureSetting, { method: 'PUT', json: { showMature: 'yes' }, cookie });
    await send(matureSetting, { method: 'PUT', json: huge, cookie });
    await send(matureSetting, { method: 'PUT', body: '{}', headers: { 'content-type': 'text/plain' }, cookie });
    await send(matureSetting, { method: 'PUT', json: { showMature: true } });
    await send(matureSetting, { method: 'PUT', json: { showMature: true }, headers: badBearer });
    await send(matureSetting, { method: 'PUT', json: { showMature: true }, headers: bearer(shareToken) });
    await send(matureSetting, { method: 'PUT', json: { showMature: true }, cookie, headers: { origin: 'https://evil.example' } });
    const adminSend = (path: string, options: CallOptions = {}) => send(path, { ...options, cookie: admin.cookie });
    await adminSend('/api/admin/reports');
    await send('/api/admin/reports', { cookie });
    await adminSend(`/api/admin/reports/${filed.body.id}/dismiss`, { method: 'POST' });
    await adminSend('/api/admin/reports/abc/dismiss', { method: 'POST' });
    await adminSend('/api/admin/reports/999999999/dismiss', { method: 'POST' });
    await send(`/api/admin/reports/${filed.body.id}/dismiss`, { method: 'POST', cookie });
    await adminSend('/api/admin/moderation-log');
    await adminSend('/api/admin/moderation-log?cursor=x');
    await send('/api/admin/moderation-log');
    await adminSend(`/api/admin/users/${stranger.id}/community-ban`, { method: 'POST' });
    await adminSend('/api/admin/users/abc/community-ban', { method: 'POST' });
    await adminSend('/api/admin/users/999999999/community-ban', { method: 'POST' });
    await send(`/api/admin/users/${stranger.id}/community-ban`, { method: 'POST', cookie });
    const { body: banned } = await uploadFile(h.app, stranger, await patternImage(8), 'banned.png');
    await send(shareOf(banned.id), { json: community, cookie: stranger.cookie });
    const previewOf = (id: number | string) => `/api/admin/community/${id}/preview`;
    await adminSend(previewOf(published.communityMediaId));
    await adminSend(previewOf(published.communityMediaId), { headers: { range: 'bytes=0-9' } });
    await adminSend(previewOf(published.communityMediaId), { headers: { range: 'bytes=999999999-' } });
    await adminSend(previewOf('abc'));
    await adminSend(previewOf(2_000_000_000));
    await send(previewOf(published.communityMediaId), { cookie });
    const takedownOf = (id: number | string) => `/api/admin/community/${id}/takedown`;
    const restoreOf = (id: number | string) => `/api/admin/community/${id}/restore`;
    await adminSend(restoreOf(published.communityMediaId), { method: 'POST' });
    await adminSend(takedownOf(published.communityMediaId), { json: {} });
    await adminSend(takedownOf('abc'), { json: { reason: 'spam' } });
    await adminSend(takedownOf(2_000_000_000), { json: { reason: 'spam' } });
    await adminSend(takedownOf(published.communityMediaId), { json: huge });
    await adminSend(takedownOf(published.communityMediaId), { body: '{}', headers: { 'content-type': 'text/plain' } });
    await send(takedownOf(published.communityMediaId), { json: { reason: 'spam' }, cookie });
    await adminSend(takedownOf(published.communityMediaId), { json: { reason: 'spam' } });
    await adminSend(takedownOf(published.communityMediaId), { json: { reason: 'spam' } });
    await send(`/api/community/${published.communityMediaId}`);
    await send(`/api/shared/media/${published.shareCode}`);
    await send(`/api/shared/media/${published.shareCode}/file`);
    await send(`/api/shared/media/${published.shareCode}/thumbnail`);
    await send(`/api/shared/media/${published.shareCode}/preview`);
    await send(reportOf(published.communityMediaId), { json: { reason: 'spam' } });
    await send(linkReportOf(published.shareCode), { json: { reason: 'spam' } });
    await send(shareOf(pictured.id), { json: community, cookie });
    await send('/api/user/media/share', { json: { filePath: pictured.filePath, ...community }, cookie });
    await adminSend(restoreOf('abc'), { method: 'POST' });
    await adminSend(restoreOf(2_000_000_000), { method: 'POST' });
    await send(restoreOf(published.communityMediaId), { method: 'POST', cookie });
    await adminSend(restoreOf(published.communityMediaId), { method: 'POST' });
    const crossSite = { origin: 'https://evil.example' };
    await adminSend(`/api/admin/reports/${filed.body.id}/dismiss`, { method: 'POST', headers: crossSite });
    await adminSend(takedownOf(published.communityMediaId), { json: { reason: 'spam' }, headers: crossSite });
    await adminSend(restoreOf(published.communityMediaId), { method: 'POST', headers: crossSite });
    await adminSend(`/api/admin/users/${stranger.id}/community-ban`, { method: 'POST', headers: crossSite });

    // Files and operations
    const publicUrl = new URL(shared.body.communityUrl as string).pathname;
    await send(publicUrl);
    await send(publicUrl, { headers: { range: 'bytes=0-9' } });
    await send(publicUrl, { headers: { range: 'bytes=999999999-' } });
    await send('/storage/v1/object/public/general/missing.png');
    await send('/metrics', { headers: { authorization: 'Bearer metrics-token-for-the-contract' } });
    await send('/metrics');
    await send('/healthz');
    arm.failNext('ping');
    // Probes read `status`; the body is an Error like every other refusal.
    expect(await send('/healthz')).toMatchObject({
      status: 503,
      body: { message: 'The database does not answer', status: 'unavailable' },
    });
    await send('/readyz');

    // Uploads that stall after their first bytes: 408 once a window passes without progress.
    const stalled = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          const head = new TextEncoder().encode(
            '--STALL\r\nContent-Disposition: form-data; name="file"; filename="stall.mp4"\r\n\r\n',
          );
          controller.enqueue(new Uint8Array(Buffer.concat([head, readFixture('clip.mp4').subarray(0, 8192)])));
        },
      });
    const stall = (path: string, headers: Record<string, string>) =>
      send(path, {
        method: 'POST',
        body: stalled(),
        headers: { 'content-type': 'multipart/form-data; boundary=STALL', ...headers },
      });
    expect((await stall('/api/user/media', { cookie })).status).toBe(408);
    expect((await stall(generatedPath, bearer(INTERNAL_TOKEN))).status).toBe(408);

    // Running an instance: two-factor sign-in, invites and quotas; admin operations do not exist for others.
    {
      const account = await createUser(h.app);
      const auth = { cookie: account.cookie };
      const plainText = { body: '{}', headers: { 'content-type': 'text/plain' } };
      await send('/api/auth/2fa/setup', { method: 'POST' });
      await send('/api/auth/2fa/setup', { method: 'POST', headers: evil, ...auth });
      await send('/api/auth/2fa/enable', { json: { code: '000000' }, ...auth });
      for (const path of ['/api/auth/2fa/enable', '/api/auth/2fa/disable']) {
        await send(path, { json: {} });
        await send(path, { json: {}, headers: evil, ...auth });
        await send(path, { json: huge, ...auth });
        await send(path, { ...plainText, ...auth });
      }
      const enable = async () => {
        const { secret } = (await send('/api/auth/2fa/setup', { method: 'POST', ...auth })).body as { secret: string };
        return (await send('/api/auth/2fa/enable', { json: { code: totpCodeAt(secret, new Date()) }, ...auth })).body
          .recoveryCodes as string[];
      };
      const [recovery] = await enable();
      await send('/api/auth/2fa/enable', { json: { code: '000000' }, ...auth });
      await send('/api/auth/2fa/setup', { method: 'POST', ...auth });
      expect(
        (await send('/api/auth/2fa/disable', { json: { password: account.password, code: recovery }, ...auth })).status,
      ).toBe(204);
      await send('/api/auth/2fa/disable', { json: { password: account.password, code: '000000' }, ...auth });
      await enable();
      // Wrong passwords count like failed sign-ins, up to the lock.
      for (let i = 0; i < 6; i++) await send('/api/auth/2fa/disable', { json: { password: 'wrong', code: '000000' }, ...auth });

      for (const [method, path] of [
        ['POST', '/api/admin/invites'],
        ['GET', '/api/admin/invites'],
        ['DELETE', '/api/admin/invites/1'],
        ['GET', '/api/admin/users'],
        ['PATCH', '/api/admin/users/1'],
      ] as const) {
        const body = method === 'POST' || method === 'PATCH' ? { json: { quotaBytes: 1 } } : {};
        expect((await send(path, { method, cookie, ...body })).status).toBe(404);
      }
      const admin = await createAdmin(h);
      const asAdmin = { cookie: admin.cookie };
      const invite = (await send('/api/admin/invites', { json: {}, ...asAdmin })).body as { id: number };
      await send('/api/admin/invites', { json: { uses: 0 }, ...asAdmin });
      await send('/api/admin/invites', asAdmin);
      await send('/api/admin/invites/abc', { method: 'DELETE', ...asAdmin });
      await send(`/api/admin/invites/${invite.id}`, { method: 'DELETE', headers: evil, ...asAdmin });
      await send(`/api/admin/invites/${invite.id}`, { method: 'DELETE', ...asAdmin });
      await send(`/api/admin/invites/${invite.id}`, { method: 'DELETE', ...asAdmin });
      await send('/api/admin/users', asAdmin);
      await send(`/api/admin/users/${account.id}`, { method: 'PATCH', json: { quotaBytes: null }, ...asAdmin });
      await send(`/api/admin/users/${account.id}`, { method: 'PATCH', json: { quotaBytes: -1 }, ...asAdmin });
      await send('/api/admin/users/2147483000', { method: 'PATCH', json: { quotaBytes: 1 }, ...asAdmin });
      for (const [method, path] of [
        ['POST', '/api/admin/invites'],
        ['PATCH', `/api/admin/users/${account.id}`],
      ] as const) {
        await send(path, { method, json: huge, ...asAdmin });
        await send(path, { method, ...plainText, ...asAdmin });
        await send(path, { method, json: {}, headers: evil, ...asAdmin });
      }

      // The tag vocabulary (admins).
      expect((await send('/api/admin/tags', { cookie })).status).toBe(404);
      await send('/api/admin/tags', asAdmin);
      await send('/api/admin/tags/night/aliases', { json: { alias: 'after-hours' }, ...asAdmin });
      await send('/api/admin/tags/night/aliases', { json: { alias: 'city' }, ...asAdmin });
      await send('/api/admin/tags/night/aliases', { json: { alias: 'b w' }, ...asAdmin });
      await send('/api/admin/tags/nope/aliases', { json: { alias: 'x' }, ...asAdmin });
      await send('/api/admin/tags/night', { method: 'PATCH', json: { label: 'Night time' }, ...asAdmin });
      await send('/api/admin/tags/night', { method: 'PATCH', json: {}, ...asAdmin });
      await send('/api/admin/tags/nope', { method: 'PATCH', json: { active: false }, ...asAdmin });
      await send('/api/admin/tags/night/merge', { json: { into: 'night' }, ...asAdmin });
      await send('/api/admin/tags/night/merge', { json: { into: 'nope' }, ...asAdmin });
      expect((await send('/api/admin/tags/candid/merge', { json: { into: 'portrait' }, ...asAdmin })).status).toBe(200);
      await send('/api/admin/tags/candid/merge', { json: { into: 'portrait' }, ...asAdmin });
      expect((await send('/api/admin/tags/candid', { method: 'PATCH', json: { active: true }, ...asAdmin })).status).toBe(409);
      for (const [method, path] of [
        ['POST', '/api/admin/tags/night/aliases'],
        ['PATCH', '/api/admin/tags/night'],
        ['POST', '/api/admin/tags/night/merge'],
      ] as const) {
        await send(path, { method, json: huge, ...asAdmin });
        await send(path, { method, ...plainText, ...asAdmin });
        await send(path, { method, json: {}, headers: evil, ...asAdmin });
      }
    }

    // Outages: with the database down every route that reads it answers 503 with Retry-After.
    const item = await image('outage.jpg');
    const outage = async (path: string, options: CallOptions = {}) => {
      const res = await send(path, options);
      expect([path, res.status, res.headers.get('retry-after')]).toEqual([path, 503, '5']);
    };
    arm.down('database');
    await send('/readyz');
    await outage('/api/auth/register', {
      json: { email: 'down@example.test', username: 'down', password: 'long enough password' },
    });
    await outage('/api/auth/login', { json: { email: owner.email, password: owner.password } });
    await outage('/api/auth/logout', { method: 'POST', cookie });
    await outage('/api/auth/me', { cookie });
    await outage('/api/user/media', { method: 'POST', body: fileForm(await makeImage('png')), cookie });
    await outage('/api/user/media', { cookie });
    await outage(`/api/user/media/${item.id}`, { cookie });
    await outage(`/api/user/media/${item.id}`, { method: 'DELETE', cookie });
    await outage(`/api/user/media/${item.id}/file`, { cookie });
    await outage(`/api/shared/media/${code}`);
    await outage(`/api/shared/media/${code}/file`);
    await outage('/api/community');
    await outage(`/api/community/${shared.body.communityMediaId}`);
    await outage('/api/config', { cookie });
    await outage('/api/tags');
    await outage('/api/tags/suggest?q=ni');
    await outage(`/api/oembed?url=${encodeURIComponent(`${h.deps.env.PUBLIC_URL}/community/${shared.body.communityMediaId}`)}`);
    // A query no earlier request cached: the feed reads the database.
    for (const feed of ['/community/feed.xml', '/community/feed.atom', '/community/feed.json'])
      await outage(`${feed}?tags=night&origin=generated`);
    await outage('/api/user/tokens', { json: { name: 'down', scopes: ['read'] }, cookie });
    await outage('/api/user/tokens', { cookie });
    await outage(`/api/user/tokens/${created.body.id}`, { method: 'DELETE', cookie });
    await outage(generatedPath, { method: 'POST', body: fileForm(await makeImage('png')), headers: bearer(INTERNAL_TOKEN) });
    await outage('/api/auth/me', { method: 'PATCH', json: { username: `${name}down` }, cookie });
    await outage('/api/auth/password', { json: { currentPassword: 'x', newPassword: 'long enough password' }, cookie });
    await outage('/api/auth/sessions', { cookie });
    await outage(`/api/auth/sessions/${listedSession!.id}`, { method: 'DELETE', cookie });
    await outage('/api/auth/sessions/revoke-others', { method: 'POST', cookie });
    await outage('/api/auth/reset-password', { json: resetBody });
    for (const rendition of ['thumbnail', 'preview']) {
      await outage(`/api/user/media/${item.id}/${rendition}`, { cookie });
      await outage(`/api/shared/media/${code}/${rendition}`);
    }
    arm.down('storage');
    await outage(publicUrl);
    arm.down(null);

    // Every route under /api, without listing them: identifying the caller reads the session first. With the
    // database down that is the outage's 503; when the read fails unexpectedly, the catalog's 500.
    const apiOperations = Object.entries(document.paths ?? {})
      .filter(([template]) => template.startsWith('/api/') && !template.startsWith('/api/internal/'))
      .flatMap(([template, item]) => Object.keys(item as object).map((method) => ({ template, method: method.toUpperCase() })));
    const sendAs = ({ template, method }: { template: string; method: string }) =>
      send(template.replace(/\{[^}]+\}/g, '1'), { method, cookie });
    const wrong: string[] = [];
    arm.down('database');
    for (const op of apiOperations) {
      const res = await sendAs(op);
      if (res.status !== 503 || res.headers.get('retry-after') !== '5') wrong.push(`${op.method} ${op.template} ${res.status}`);
    }
    arm.down(null);
    for (const op of apiOperations) {
      arm.failNext('sessions.findActive');
      const res = await sendAs(op);
      if (res.status !== 500 || res.body.message !== 'Internal server error')
        wrong.push(`${op.method} ${op.template} ${res.status}`);
    }
    expect(wrong).toEqual([]);

    const documented = Object.entries(document.paths ?? {}).flatMap(([template, item]) =>
      Object.entries(item as Record<string, { responses?: Record<string, unknown> }>).flatMap(([method, op]) =>
        Object.keys(op.responses ?? {}).map((status) => `${method.toUpperCase()} ${template} ${status}`),
      ),
    );
    expect(documented.length).toBeGreaterThan(100);
    expect(documented.filter((entry) => !recorder.seen.has(entry))).toEqual([]);
  }, 120_000);
});
