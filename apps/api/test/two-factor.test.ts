import { totpCodeAt } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { outcome, trpcFor } from './support/trpc-client';

const STEP = 30_000;
// An injected clock, 5 s into a time step: codes are computed for it, never for the wall clock.
let clock = Math.floor(Date.now() / STEP) * STEP + 5_000;
const tick = (ms: number) => void (clock += ms);

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(clock), env: { LOGIN_MAX_FAILURES: '4' } });
});
afterAll(() => h.close());

const signIn = (user: TestUser, totp?: string) =>
  call(h.app, '/api/auth/login', {
    json: { email: user.email, password: user.password, ...(totp === undefined ? {} : { totp }) },
  });

/** A user with two-factor sign-in on; the step of the confirming code is used up. */
const enrolled = async () => {
  const user = await createUser(h.app);
  const setup = await call<{ otpauthUrl: string; secret: string }>(h.app, '/api/auth/2fa/setup', {
    method: 'POST',
    cookie: user.cookie,
  });
  expect(setup.status).toBe(200);
  const { secret } = setup.body;
  const enabled = await call<{ recoveryCodes: string[] }>(h.app, '/api/auth/2fa/enable', {
    json: { code: totpCodeAt(secret, new Date(clock)) },
    cookie: user.cookie,
  });
  expect(enabled.status).toBe(200);
  return { user, secret, recoveryCodes: enabled.body.recoveryCodes, otpauthUrl: setup.body.otpauthUrl };
};

const REQUIRED = { message: 'Two-factor code required', twoFactorRequired: true };
const WRONG = { message: 'Invalid two-factor code', twoFactorRequired: true };

describe('two-factor sign-in (TOTP)', () => {
  it('sets up with an otpauth URL, changes nothing until a code confirms it, and answers 10 recovery codes once', async () => {
    const user = await createUser(h.app);
    const setup = await call<{ otpauthUrl: string; secret: string }>(h.app, '/api/auth/2fa/setup', {
      method: 'POST',
      cookie: user.cookie,
    });
    const { otpauthUrl, secret } = setup.body;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(otpauthUrl);
    expect(`${url.protocol}//${url.host}${decodeURIComponent(url.pathname)}`).toBe(`otpauth://totp/mediashare:${user.username}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      issuer: 'mediashare',
      secret,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
    // Pending: sign-in still needs the password only.
    expect((await signIn(user)).status).toBe(200);

    const wrong = await call(h.app, '/api/auth/2fa/enable', { json: { code: '000000' }, cookie: user.cookie });
    expect(wrong).toMatchObject({
      status: 400,
      body: { message: 'That code is not right; check the time on your device and try again' },
    });
    const right = await call<{ recoveryCodes: string[] }>(h.app, '/api/auth/2fa/enable', {
      json: { code: totpCodeAt(secret, new Date(clock)) },
      cookie: user.cookie,
    });
    expect(right.status).toBe(200);
    expect(right.body.recoveryCodes).toHaveLength(10);
    expect(new Set(right.body.recoveryCodes).size).toBe(10);
    for (const code of right.body.recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    // Stored as hashes only.
    const rows = await h.sql.select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, user.id));
    expect(rows).toHaveLength(10);
    for (const code of right.body.recoveryCodes) expect(JSON.stringify(rows)).not.toContain(code.replace('-', ''));
    expect((await call(h.app, '/api/auth/me', { cookie: user.cookie })).body).toMatchObject({ twoFactor: true });
    expect(await call(h.app, '/api/auth/2fa/setup', { method: 'POST', cookie: user.cookie })).toMatchObject({
      status: 409,
      body: { message: 'Two-factor sign-in is already on; turn it off first' },
    });
  });

  it('then needs a code at sign-in: 401 twoFactorRequired without one, on both transports', async () => {
    const { user } = await enrolled();
    const res = await signIn(user);
    expect(res).toMatchObject({ status: 401, body: REQUIRED });
    expect(res.setCookie).toBeUndefined();
    const viaTrpc = await outcome(trpcFor(h.app).auth.login.mutate({ email: user.email, password: user.password }));
    expect(viaTrpc).toEqual({ status: 401, body: { message: 'Two-factor code required' } });
    // A wrong password is still just a wrong password.
    expect(
      (await call(h.app, '/api/auth/login', { json: { email: user.email, password: 'not it', totp: '123456' } })).body,
    ).toEqual({
      message: 'Invalid email or password',
    });
  });

  it('accepts each code once: no replay within its window, nor an older step after a newer one', async () => {
    const { user, secret } = await enrolled();
    // The confirming code's step is used already.
    expect((await signIn(user, totpCodeAt(secret, new Date(clock)))).body).toEqual(WRONG);
    tick(STEP);
    const code = totpCodeAt(secret, new Date(clock));
    const first = await signIn(user, code);
    expect(first.status).toBe(200);
    expect(first.setCookie).toBeDefined();
    expect(await signIn(user, code)).toMatchObject({ status: 401, body: WRONG });
    // One step of drift either way is allowed, but never back past a step already used.
    tick(STEP);
    expect((await signIn(user, totpCodeAt(secret, new Date(clock - STEP)))).status).toBe(401);
    expect((await signIn(user, totpCodeAt(secret, new Date(clock + STEP)))).status).toBe(200);
    tick(3 * STEP);
    expect((await signIn(user, totpCodeAt(secret, new Date(clock)))).status).toBe(200);
  });

  it('signs in with each recovery code once, however it is typed', async () => {
    const { user, recoveryCodes } = await enrolled();
    const [first, second] = recoveryCodes as [string, string];
    expect((await signIn(user, first)).status).toBe(200);
    expect(await signIn(user, first)).toMatchObject({ status: 401, body: WRONG });
    expect((await signIn(user, ` ${second.toUpperCase().replace('-', ' ')} `)).status).toBe(200);
    const left = await h.sql.select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, user.id));
    expect(left.filter((r) => r.usedAt === null)).toHaveLength(8);
  });

  it('counts wrong codes toward the sign-in limit', async () => {
    const { user, secret } = await enrolled();
    tick(STEP);
    for (const guess of ['111111', '222222', '333333', 'not-a-code']) expect((await signIn(user, guess)).status).toBe(401);
    // LOGIN_MAX_FAILURES is 4: the right password with the right code is refused now, unchecked.
    const locked = await signIn(user, totpCodeAt(secret, new Date(clock)));
    expect(locked.status).toBe(429);
    expect(locked.body.message).toBe('Too many failed sign-in attempts; try again later');
    // Asking for the code does not spend the budget: a client that first signs in without one is fine.
    const other = await enrolled();
    for (let i = 0; i < 5; i++) expect((await signIn(other.user)).status).toBe(401);
    tick(STEP);
    expect((await signIn(other.user, totpCodeAt(other.secret, new Date(clock)))).status).toBe(200);
  });

  it('leaves API tokens working: they are a machine’s own second factor', async () => {
    const user = await createUser(h.app);
    const token = await call<{ token: string }>(h.app, '/api/user/tokens', {
      json: { name: 'backup script', scopes: ['read'] },
      cookie: user.cookie,
    });
    expect(token.status).toBe(201);
    const setup = await call<{ secret: string }>(h.app, '/api/auth/2fa/setup', { method: 'POST', cookie: user.cookie });
    await call(h.app, '/api/auth/2fa/enable', {
      json: { code: totpCodeAt(setup.body.secret, new Date(clock)) },
      cookie: user.cookie,
    });
    const viaToken = await call(h.app, '/api/auth/me', { headers: { authorization: `Bearer ${token.body.token}` } });
    expect(viaToken).toMatchObject({ status: 200, body: { id: user.id, twoFactor: true } });
    // And enabling it needs a session: a token cannot change the account's sign-in.
    expect(
      (await call(h.app, '/api/auth/2fa/setup', { method: 'POST', headers: { authorization: `Bearer ${token.body.token}` } }))
        .status,
    ).toBe(403);
  });

  it('turns off only with the password and a code', async () => {
    const { user, secret } = await enrolled();
    tick(STEP);
    const disable = (body: object) => call(h.app, '/api/auth/2fa/disable', { json: body, cookie: user.cookie });
    expect(await disable({ password: 'not it', code: totpCodeAt(secret, new Date(clock)) })).toMatchObject({
      status: 400,
      body: { message: 'Password is incorrect' },
    });
    expect((await disable({ password: user.password, code: '000000' })).status).toBe(400);
    expect((await disable({ password: user.password })).status).toBe(400);
    expect((await signIn(user)).status).toBe(401);
    expect((await disable({ password: user.password, code: totpCodeAt(secret, new Date(clock)) })).status).toBe(204);
    expect((await signIn(user)).status).toBe(200);
    const rows = await h.sql.select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, user.id));
    expect(rows).toEqual([]);
    expect(await disable({ password: user.password, code: '123456' })).toMatchObject({
      status: 400,
      body: { message: 'Two-factor sign-in is not on' },
    });
  });
});
