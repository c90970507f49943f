import { createHash } from 'node:crypto';
import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, fileForm, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { outcome, trpcFor } from './support/trpc-client';

let h: Harness;
let clock = Date.now();
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(clock) });
  alice = await createUser(h.app);
  bob = await createUser(h.app);
});
afterAll(() => h.close());

const mint = async (user: TestUser, body: Record<string, unknown>) => {
  const res = await call(h.app, '/api/user/tokens', { json: body, cookie: user.cookie });
  expect(res.status).toBe(201);
  return res.body as { id: number; token: string; prefix: string; scopes: string[] };
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('personal API tokens', () => {
  it('are shown once at creation, listed without the secret, and stored only as a hash', async () => {
    const created = await mint(alice, { name: 'laptop script', scopes: ['read', 'share'], expiresInDays: 30 });
    expect(created.token).toMatch(/^msk_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const listed = await call(h.app, '/api/user/tokens', { cookie: alice.cookie });
    expect(listed.status).toBe(200);
    const mine = listed.body.find((t: { id: number }) => t.id === created.id);
    expect(mine).toEqual({
      id: created.id,
      name: 'laptop script',
      prefix: created.prefix,
      scopes: ['read', 'share'],
      createdAt: expect.any(String),
      lastUsedAt: null,
      expiresAt: expect.any(String),
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.token);
    const [row] = await h.sql.select().from(schema.apiTokens).where(eq(schema.apiTokens.id, created.id));
    expect(row?.tokenHash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.token);
  });

  it('authenticate REST and tRPC calls with Authorization: Bearer, and record their use', async () => {
    const { token, id } = await mint(alice, { name: 'reader', scopes: ['read'] });
    const { body: item } = await uploadFile(h.app, alice, await makeImage('png'));
    const rest = await call(h.app, '/api/user/media', { headers: bearer(token) });
    expect(rest.status).toBe(200);
    expect(rest.body.items.map((m: { id: number }) => m.id)).toContain(item.id);
    expect(await outcome(trpcFor(h.app).media.get.query({ id: item.id }))).toMatchObject({ status: 401 });
    const viaToken = await outcome(trpcFor(h.app, undefined, bearer(token)).media.get.query({ id: item.id }));
    expect(viaToken).toMatchObject({ status: 200, body: { id: item.id } });
    const cannotShare = await outcome(
      trpcFor(h.app, undefined, bearer(token)).share.create.mutate({ id: item.id, shareToCommunity: false }),
    );
    expect(cannotShare).toEqual({ status: 403, body: { message: 'This API token lacks the "share" scope' } });
    const listed = await call(h.app, '/api/user/tokens', { cookie: alice.cookie });
    expect(listed.body.find((t: { id: number }) => t.id === id)?.lastUsedAt).toEqual(expect.any(String));
  });

  it('enforce scopes: 403 naming the missing scope', async () => {
    const reader = await mint(alice, { name: 'reader', scopes: ['read'] });
    const sharer = await mint(alice, { name: 'sharer', scopes: ['share'] });
    const { body: item } = await uploadFile(h.app, alice, await makeImage('png'));

    const denied = await call(h.app, `/api/media/${item.id}/share`, {
      json: { shareToCommunity: false },
      headers: bearer(reader.token),
    });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ message: 'This API token lacks the "share" scope' });
    const upload = await call(h.app, '/api/user/media', {
      method: 'POST',
      body: fileForm(await makeImage('png')),
      headers: bearer(reader.token),
    });
    expect(upload.status).toBe(403);

    const shared = await call(h.app, `/api/media/${item.id}/share`, {
      json: { shareToCommunity: false },
      headers: bearer(sharer.token),
    });
    expect(shared.status).toBe(200);
    const cannotRead = await call(h.app, '/api/user/media', { headers: bearer(sharer.token) });
    expect(cannotRead.status).toBe(403);
    expect(cannotRead.body).toEqual({ message: 'This API token lacks the "read" scope' });
  });

  it('are not subject to the browser origin check, and ignore any cookie sent with them', async () => {
    const { token } = await mint(alice, { name: 'app', scopes: ['read', 'share'] });
    const { body: item } = await uploadFile(h.app, alice, await makeImage('png'));
    const res = await call(h.app, `/api/media/${item.id}/share`, {
      json: { shareToCommunity: false },
      headers: { ...bearer(token), origin: 'https://another-app.example' },
      cookie: bob.cookie,
    });
    expect(res.status).toBe(200);
    const me = await call(h.app, '/api/auth/me', { headers: bearer(token), cookie: bob.cookie });
    expect(me.body.id).toBe(alice.id);
  });

  it('are refused at once when revoked, and when expired', async () => {
    const revoked = await mint(alice, { name: 'soon revoked', scopes: ['read'] });
    expect((await call(h.app, '/api/user/media', { headers: bearer(revoked.token) })).status).toBe(200);
    expect((await call(h.app, `/api/user/tokens/${revoked.id}`, { method: 'DELETE', cookie: alice.cookie })).status).toBe(204);
    const after = await call(h.app, '/api/user/media', { headers: bearer(revoked.token) });
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ message: 'Invalid, revoked or expired API token' });

    const expiring = await mint(alice, { name: 'one day', scopes: ['read'], expiresInDays: 1 });
    expect((await call(h.app, '/api/user/media', { headers: bearer(expiring.token) })).status).toBe(200);
    clock += 24 * 3600_000 + 1000;
    expect((await call(h.app, '/api/user/media', { headers: bearer(expiring.token) })).status).toBe(401);
  });

  it.each(['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer msk_x', 'Bearer two words', 'Token msk_abc'])(
    'answer a malformed Authorization header (%j) with 401',
    async (header) => {
      const res = await call(h.app, '/api/user/media', { headers: { authorization: header }, cookie: alice.cookie });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: 'Malformed Authorization header: expected "Bearer <token>"' });
    },
  );

  it('answer an unknown token with 401, on public routes and tRPC too', async () => {
    const fake = `msk_${'A'.repeat(43)}`;
    expect((await call(h.app, '/api/community', { headers: bearer(fake) })).status).toBe(401);
    const rpc = await call(h.app, '/trpc/community.list?input=%7B%7D', { headers: bearer(fake) });
    expect(rpc.status).toBe(401);
  });

  it('refuse a name with a control character with a 400 naming it, and make no token', async () => {
    const fresh = await createUser(h.app);
    const res = await call(h.app, '/api/user/tokens', { json: { name: 'ci\u0000box', scopes: ['read'] }, cookie: fresh.cookie });
    expect([res.status, res.body]).toEqual([400, { message: 'Invalid field "name": must not contain control characters' }]);
    const listed = await call(h.app, '/api/user/tokens', { cookie: fresh.cookie });
    expect(listed.body).toEqual([]);
    expect(await mint(fresh, { name: 'Été laptop', scopes: ['read'] })).toMatchObject({ name: 'Été laptop' });
  });

  it('cannot manage tokens themselves', async () => {
    const { token } = await mint(alice, { name: 'all', scopes: ['read', 'share'] });
    const list = await call(h.app, '/api/user/tokens', { headers: bearer(token) });
    expect(list.status).toBe(403);
    expect(list.body).toEqual({ message: 'API tokens cannot manage API tokens; sign in instead' });
    const mintMore = await call(h.app, '/api/user/tokens', { json: { name: 'x', scopes: ['read'] }, headers: bearer(token) });
    expect(mintMore.status).toBe(403);
  });

  it('are revoked only by their owner', async () => {
    const theirs = await mint(alice, { name: 'alice only', scopes: ['read'] });
    const res = await call(h.app, `/api/user/tokens/${theirs.id}`, { method: 'DELETE', cookie: bob.cookie });
    expect(res.status).toBe(404);
    expect((await call(h.app, '/api/user/media', { headers: bearer(theirs.token) })).status).toBe(200);
    expect((await call(h.app, '/api/user/tokens/abc', { method: 'DELETE', cookie: alice.cookie })).status).toBe(400);
  });

  it.each([
    [{ name: '', scopes: ['read'] }, /"name"/],
    [{ name: 'x', scopes: [] }, /"scopes"/],
    [{ name: 'x', scopes: ['admin'] }, /"scopes.0"/],
    [{ name: 'x', scopes: ['read', 'read'] }, /"scopes"/],
    [{ name: 'x', scopes: ['read'], expiresInDays: 0 }, /"expiresInDays"/],
    [{ name: 'x', scopes: ['read'], owner: 1 }, /Unknown field "owner"/],
  ])('answer a bad creation request %j with 400', async (body, message) => {
    const res = await call(h.app, '/api/user/tokens', { json: body, cookie: alice.cookie });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('need a session to be created', async () => {
    expect((await call(h.app, '/api/user/tokens', { json: { name: 'x', scopes: ['read'] } })).status).toBe(401);
  });
});
