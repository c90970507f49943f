import { BUCKETS } from '@mediashare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armable } from './support/faults';
import { createUser, fileForm, uploadFile, type TestUser } from './support/factories';
import { makeImage, makePngBomb, readFixture } from './support/fixtures';
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
    await send('/api/auth/register', { json: {}, headers: badBearer });
    await send('/api/auth/login', { json: { email: owner.email, password: owner.password } });
    await send('/api/auth/login', { json: { email: owner.email } });
    for (let i = 0; i < 3; i++) await send('/api/auth/login', { json: { email: stranger.email, password: `wrong ${i}` } });
    await send('/api/auth/login', { json: { email: stranger.email, password: stranger.password }, headers: evil });
    await send('/api/auth/login', { json: huge });
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

    // Tokens
    const created = await send('/api/user/tokens', { json: { name: 'contract', scopes: ['read'] }, cookie });
    await send('/api/user/tokens', { json: { name: '', scopes: [] }, cookie });
    await send('/api/user/tokens', { json: { name: 'x', scopes: ['read'] } });
    await send('/api/user/tokens', { json: { name: 'x', scopes: ['read'] }, headers: bearer(readToken) });
    await send('/api/user/tokens', { json: huge, cookie });
    await send('/api/user/tokens', { cookie });
    await send('/api/user/tokens');
    await send('/api/user/tokens', { headers: bearer(readToken) });
    await send(`/api/user/tokens/${created.body.id}`, { method: 'DELETE', cookie });
    await send('/api/user/tokens/abc', { method: 'DELETE', cookie });
    await send(`/api/user/tokens/${created.body.id}`, { method: 'DELETE' });
    await send(`/api/user/tokens/${created.body.id}`, { method: 'DELETE', headers: bearer(readToken) });
    await send(`/api/user/tokens/${created.body.id}`, { method: 'DELETE', cookie });

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
    await send('/api/auth/reset-password', { json: resetBody, headers: badBearer });
    await send('/api/auth/forgot-password', { json: { email: `${name}x@example.test` } });
    await send('/api/auth/forgot-password', { json: { email: 'nope' } });
    await send('/api/auth/forgot-password', { json: { email: owner.email }, headers: evil });
    await send('/api/auth/forgot-password', { json: huge });
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

    // Files and operations
    const publicUrl = new URL(shared.body.communityUrl as string).pathname;
    await send(publicUrl);
    await send(publicUrl, { headers: { range: 'bytes=0-9' } });
    await send('/storage/v1/object/public/general/missing.png');
    await send('/metrics', { headers: { authorization: 'Bearer metrics-token-for-the-contract' } });
    await send('/metrics');
    await send('/healthz');
    arm.failNext('ping');
    await send('/healthz');

    const documented = Object.entries(document.paths ?? {}).flatMap(([template, item]) =>
      Object.entries(item as Record<string, { responses?: Record<string, unknown> }>).flatMap(([method, op]) =>
        Object.keys(op.responses ?? {}).map((status) => `${method.toUpperCase()} ${template} ${status}`),
      ),
    );
    expect(documented.length).toBeGreaterThan(100);
    expect(documented.filter((entry) => !recorder.seen.has(entry))).toEqual([]);
  }, 120_000);
});
