import { randomInt } from 'node:crypto';
import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uniqueName, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { call, type CallOptions } from './support/http';
import { outcome, trpcFor } from './support/trpc-client';

let h: Harness;
let clock = Date.now();
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(clock), env: { LOGIN_MAX_FAILURES: '3', TRUST_PROXY: 'true' } });
});
afterAll(() => h.close());

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const evil = { origin: 'https://evil.example' };
/** A client address of its own, so failures counted here touch no other test's address. */
const fromAddress = () => ({ 'x-forwarded-for': `198.51.100.${randomInt(1, 255)}, 10.0.0.1` });

const send = (path: string, options: CallOptions = {}) => call(h.app, path, options);
const signIn = async (user: TestUser, userAgent?: string) => {
  const res = await send('/api/auth/login', {
    json: { email: user.email, password: user.password },
    headers: userAgent ? { 'user-agent': userAgent } : {},
  });
  expect(res.status).toBe(200);
  return res.setCookie!;
};
const isSignedIn = async (cookie: string) => (await send('/api/auth/me', { cookie })).status === 200;
const sessionsOf = async (cookie: string) => {
  const res = await send('/api/auth/sessions', { cookie });
  expect(res.status).toBe(200);
  return res.body as { id: string; device: string; current: boolean; createdAt: string; lastSeenAt: string }[];
};

describe('POST /api/auth/password', () => {
  it('changes the password and signs out every other session, keeping this one', async () => {
    const user = await createUser(h.app);
    const laptop = await signIn(user, FIREFOX);
    const phone = await signIn(user, IPHONE);
    const res = await send('/api/auth/password', {
      json: { currentPassword: user.password, newPassword: 'a brand new password' },
      cookie: laptop,
    });
    expect(res.status).toBe(204);
    expect(await isSignedIn(laptop)).toBe(true);
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(user.cookie)).toBe(false);
    const old = await send('/api/auth/login', { json: { email: user.email, password: user.password } });
    expect(old.status).toBe(401);
    const fresh = await send('/api/auth/login', { json: { email: user.username, password: 'a brand new password' } });
    expect(fresh.status).toBe(200);
  });

  it('answers a wrong current password with 400, changes nothing, and counts it toward the sign-in throttle', async () => {
    const user = await createUser(h.app);
    const address = fromAddress();
    const attempt = (currentPassword: string) =>
      send('/api/auth/password', {
        json: { currentPassword, newPassword: 'another new password' },
        cookie: user.cookie,
        headers: address,
      });
    const wrong = await attempt('not my password');
    expect(wrong).toMatchObject({ status: 400, body: { message: 'Current password is incorrect' } });
    expect(await isSignedIn(user.cookie)).toBe(true);
    const [row] = await h.sql.select().from(schema.users).where(eq(schema.users.id, user.id));

    // LOGIN_MAX_FAILURES is 3, shared with sign-in: one more here and one failed sign-in spend the budget.
    expect((await attempt('still not it')).status).toBe(400);
    const signInFails = await send('/api/auth/login', { json: { email: user.email, password: 'wrong again' } });
    expect(signInFails.status).toBe(401);
    const locked = await attempt(user.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await send('/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(429);
    const [unchanged] = await h.sql.select().from(schema.users).where(eq(schema.users.id, user.id));
    expect(unchanged?.passwordHash).toBe(row?.passwordHash);
    clock += 16 * 60_000;
    expect((await attempt(user.password)).status).toBe(204);
  });

  it.each([
    [{ currentPassword: 'x' }, /^Invalid field "newPassword"/],
    [{ currentPassword: 'x', newPassword: 'short' }, /^Invalid field "newPassword": must be at least 8 characters$/],
    [{ currentPassword: '', newPassword: 'long enough' }, /^Invalid field "currentPassword": is required$/],
    [{ currentPassword: 'x', newPassword: 'long enough', userId: 1 }, /^Unknown field "userId"$/],
  ])('answers %j with 400 naming the field, changing nothing', async (body, message) => {
    const user = await createUser(h.app);
    const res = await send('/api/auth/password', { json: body, cookie: user.cookie });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    expect((await send('/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(200);
  });

  it('refuses a request from another site, one without a session, and API tokens', async () => {
    const user = await createUser(h.app);
    const body = { currentPassword: user.password, newPassword: 'cross site password' };
    const crossSite = await send('/api/auth/password', { json: body, cookie: user.cookie, headers: evil });
    expect(crossSite).toMatchObject({ status: 403, body: { message: 'Cross-origin request refused' } });
    const fetchMetadata = await send('/api/auth/password', {
      json: body,
      cookie: user.cookie,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(fetchMetadata.status).toBe(403);
    expect((await send('/api/auth/password', { json: body })).status).toBe(401);
    const token = (await send('/api/user/tokens', { json: { name: 't', scopes: ['read', 'share'] }, cookie: user.cookie })).body
      .token;
    expect((await send('/api/auth/password', { json: body, headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    expect((await send('/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(200);
  });
});

describe('PATCH /api/auth/me', () => {
  it('changes the username and the email, with registration’s normalising', async () => {
    const user = await createUser(h.app);
    const username = uniqueName('renamed');
    const res = await send('/api/auth/me', {
      method: 'PATCH',
      json: { username, email: `  ${username}@Example.TEST ` },
      cookie: user.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, username, email: `${username}@example.test` });
    expect((await send('/api/auth/me', { cookie: user.cookie })).body.username).toBe(username);
    const byNewName = await send('/api/auth/login', { json: { email: username, password: user.password } });
    expect(byNewName.status).toBe(200);
    const onlyEmail = await send('/api/auth/me', {
      method: 'PATCH',
      json: { email: `${uniqueName()}@example.test` },
      cookie: user.cookie,
    });
    expect(onlyEmail.body.username).toBe(username);
  });

  it('answers 409 with registration’s messages for a name another account has, ignoring case', async () => {
    const [user, other] = [await createUser(h.app), await createUser(h.app)];
    const email = await send('/api/auth/me', {
      method: 'PATCH',
      json: { email: other.email.toUpperCase() },
      cookie: user.cookie,
    });
    expect(email).toMatchObject({ status: 409, body: { message: 'An account with this email already exists' } });
    const name = await send('/api/auth/me', {
      method: 'PATCH',
      json: { username: other.username.toUpperCase() },
      cookie: user.cookie,
    });
    expect(name).toMatchObject({ status: 409, body: { message: 'This username is taken' } });
    const [row] = await h.sql.select().from(schema.users).where(eq(schema.users.id, user.id));
    expect(row).toMatchObject({ username: user.username, email: user.email });
    // Its own names, in another case, are not a conflict.
    const own = await send('/api/auth/me', {
      method: 'PATCH',
      json: { username: user.username.toUpperCase() },
      cookie: user.cookie,
    });
    expect(own.status).toBe(200);
  });

  it.each([
    [{}, 'Invalid request: give "username", "email" or both'],
    [{ email: 'not an email' }, 'Invalid field "email": must be an email address'],
    [{ username: 'x' }, 'Invalid field "username": must be at least 3 characters'],
    [{ username: 'has space' }, 'Invalid field "username": may contain only letters, digits, "_", "." and "-"'],
    [{ role: 'admin' }, 'Unknown field "role"'],
  ])('answers %j with 400 naming the field, changing nothing', async (body, message) => {
    const user = await createUser(h.app);
    const res = await send('/api/auth/me', { method: 'PATCH', json: body, cookie: user.cookie });
    expect(res).toMatchObject({ status: 400, body: { message } });
    const [row] = await h.sql.select().from(schema.users).where(eq(schema.users.id, user.id));
    expect(row).toMatchObject({ username: user.username, email: user.email, role: 'user' });
  });

  it('refuses a request from another site', async () => {
    const user = await createUser(h.app);
    const res = await send('/api/auth/me', {
      method: 'PATCH',
      json: { username: uniqueName() },
      cookie: user.cookie,
      headers: evil,
    });
    expect(res.status).toBe(403);
    expect((await send('/api/auth/me', { cookie: user.cookie })).body.username).toBe(user.username);
  });
});

describe('sessions', () => {
  it('lists the account’s sessions with a device label, when each was last seen, and which is this one', async () => {
    const user = await createUser(h.app);
    const laptop = await signIn(user, FIREFOX);
    const phone = await signIn(user, IPHONE);
    clock += 5 * 60_000;
    expect(await isSignedIn(phone)).toBe(true);
    const listed = await sessionsOf(laptop);
    expect(listed.map((s) => [s.device, s.current])).toEqual([
      ['Safari on iOS', false],
      ['Firefox on Linux', true],
      ['Unknown device', false],
    ]);
    expect(new Date(listed[0]!.lastSeenAt).getTime()).toBe(clock);
    expect(listed.every((s) => /^[0-9a-f-]{36}$/.test(s.id))).toBe(true);
    // Neither the stored id (the cookie's hash) nor any address appears, and none is stored.
    const rows = await h.sql.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id));
    for (const row of rows) expect(JSON.stringify(listed)).not.toContain(row.id);
    expect(Object.keys(rows[0]!).sort()).toEqual(
      ['absoluteExpiresAt', 'createdAt', 'deviceLabel', 'expiresAt', 'id', 'lastSeenAt', 'publicId', 'userId'].sort(),
    );
  });

  it('ends one session by its id, and answers 404 for another account’s session', async () => {
    const [user, stranger] = [await createUser(h.app), await createUser(h.app)];
    const phone = await signIn(user, IPHONE);
    const target = (await sessionsOf(user.cookie)).find((s) => s.device === 'Safari on iOS')!;
    const notYours = await send(`/api/auth/sessions/${target.id}`, { method: 'DELETE', cookie: stranger.cookie });
    expect(notYours).toMatchObject({ status: 404, body: { message: 'Session not found' } });
    expect(await isSignedIn(phone)).toBe(true);

    const ended = await send(`/api/auth/sessions/${target.id}`, { method: 'DELETE', cookie: user.cookie });
    expect(ended.status).toBe(204);
    expect(ended.headers.get('set-cookie')).toBeNull();
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(user.cookie)).toBe(true);
    const again = await send(`/api/auth/sessions/${target.id}`, { method: 'DELETE', cookie: user.cookie });
    expect(again.status).toBe(404);
  });

  it('ending this very session signs out and clears the cookie', async () => {
    const user = await createUser(h.app);
    const [mine] = await sessionsOf(user.cookie);
    const res = await send(`/api/auth/sessions/${mine!.id}`, { method: 'DELETE', cookie: user.cookie });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/connect\.sid=;/);
    expect(await isSignedIn(user.cookie)).toBe(false);
  });

  it.each(['abc', '123', '3f2b8c1e-5d4a-4b7e-9c2d-1a0e8f6b7c5dx'])('answers a malformed session id (%s) with 400', async (id) => {
    const user = await createUser(h.app);
    const res = await send(`/api/auth/sessions/${id}`, { method: 'DELETE', cookie: user.cookie });
    expect(res).toMatchObject({ status: 400, body: { message: 'Invalid session ID' } });
    expect(await isSignedIn(user.cookie)).toBe(true);
  });

  it('signs out everywhere else, keeping this session', async () => {
    const [user, bystander] = [await createUser(h.app), await createUser(h.app)];
    const others = [await signIn(user, FIREFOX), await signIn(user, IPHONE)];
    const res = await send('/api/auth/sessions/revoke-others', { method: 'POST', cookie: user.cookie });
    expect(res).toMatchObject({ status: 200, body: { ended: 2 } });
    for (const cookie of others) expect(await isSignedIn(cookie)).toBe(false);
    expect(await isSignedIn(user.cookie)).toBe(true);
    expect(await isSignedIn(bystander.cookie)).toBe(true);
    expect((await sessionsOf(user.cookie)).map((s) => s.current)).toEqual([true]);
  });

  it('refuses cross-site requests, anonymous callers and API tokens', async () => {
    const user = await createUser(h.app);
    const phone = await signIn(user, IPHONE);
    const [session] = (await sessionsOf(user.cookie)).filter((s) => !s.current);
    expect((await send('/api/auth/sessions/revoke-others', { method: 'POST', cookie: user.cookie, headers: evil })).status).toBe(
      403,
    );
    expect(
      (await send(`/api/auth/sessions/${session!.id}`, { method: 'DELETE', cookie: user.cookie, headers: evil })).status,
    ).toBe(403);
    expect(await isSignedIn(phone)).toBe(true);
    expect((await send('/api/auth/sessions')).status).toBe(401);
    const token = (await send('/api/user/tokens', { json: { name: 't', scopes: ['read'] }, cookie: user.cookie })).body.token;
    const viaToken = await send('/api/auth/sessions', { headers: { authorization: `Bearer ${token}` } });
    expect(viaToken.status).toBe(403);
  });
});

describe('over tRPC', () => {
  it('does the same: password, profile, sessions', async () => {
    const user = await createUser(h.app);
    const phone = await signIn(user, IPHONE);
    const rpc = trpcFor(h.app, user.cookie);
    const listed = await rpc.auth.sessions.query();
    expect(listed.map((s) => s.device).sort()).toEqual(['Safari on iOS', 'Unknown device']);
    const stranger = await createUser(h.app);
    const phoneSession = listed.find((s) => !s.current)!;
    expect(await outcome(trpcFor(h.app, stranger.cookie).auth.endSession.mutate({ id: phoneSession.id }))).toEqual({
      status: 404,
      body: { message: 'Session not found' },
    });
    expect(await outcome(rpc.auth.endSession.mutate({ id: 'nope' }))).toEqual({
      status: 400,
      body: { message: 'Invalid session ID' },
    });
    expect(await rpc.auth.endSession.mutate({ id: phoneSession.id })).toBeNull();
    expect(await isSignedIn(phone)).toBe(false);

    const other = await signIn(user, FIREFOX);
    expect(await rpc.auth.endOtherSessions.mutate()).toEqual({ ended: 1 });
    expect(await isSignedIn(other)).toBe(false);

    const username = uniqueName('rpc');
    expect(await rpc.auth.updateMe.mutate({ username })).toMatchObject({ username });
    expect(await outcome(rpc.auth.updateMe.mutate({ username: stranger.username }))).toEqual({
      status: 409,
      body: { message: 'This username is taken' },
    });
    expect(await outcome(rpc.auth.changePassword.mutate({ currentPassword: 'wrong', newPassword: 'new rpc password' }))).toEqual({
      status: 400,
      body: { message: 'Current password is incorrect' },
    });
    expect(await rpc.auth.changePassword.mutate({ currentPassword: user.password, newPassword: 'new rpc password' })).toBeNull();
    const crossSite = await send('/trpc/auth.endOtherSessions', { method: 'POST', json: {}, cookie: user.cookie, headers: evil });
    expect(crossSite.status).toBe(403);
  });
});
