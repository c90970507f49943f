import { createHash } from 'node:crypto';
import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uniqueName } from './support/factories';
import { createHarness, openSecondProcessDatabase, type Harness } from './support/harness';
import { call } from './support/http';
import { outcome, trpcFor } from './support/trpc-client';

let h: Harness;
let clock = Date.now();
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(clock), env: { SESSION_IDLE_HOURS: '1', SESSION_ABSOLUTE_HOURS: '3' } });
});
afterAll(() => h.close());

describe('register', () => {
  it('creates the account, answers 201 with the user and signs them in with an HttpOnly, SameSite=Lax cookie', async () => {
    const username = uniqueName();
    const res = await call(h.app, '/api/auth/register', {
      json: { email: `${username}@Example.test`, username, password: 'long enough password' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username, email: `${username}@example.test`, role: 'user' });
    expect(res.body).not.toHaveProperty('passwordHash');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^connect\.sid=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    const me = await call(h.app, '/api/auth/me', { cookie: res.setCookie });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(username);
  });

  it('answers 409 for an email or username already taken, ignoring case', async () => {
    const user = await createUser(h.app);
    const sameEmail = await call(h.app, '/api/auth/register', {
      json: { email: user.email.toUpperCase(), username: uniqueName(), password: 'long enough password' },
    });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body.message).toMatch(/email/);
    const sameName = await call(h.app, '/api/auth/register', {
      json: { email: `${uniqueName()}@example.test`, username: user.username.toUpperCase(), password: 'long enough password' },
    });
    expect(sameName.status).toBe(409);
    expect(sameName.body.message).toMatch(/username/);
  });

  it.each([
    [{ email: 'not-an-email', username: 'someone', password: 'long enough password' }, /"email"/],
    [{ email: 'a@example.test', username: 'x', password: 'long enough password' }, /"username"/],
    [{ email: 'a@example.test', username: 'someone', password: 'short' }, /"password"/],
    [{ email: 'a@example.test', username: 'someone', password: 12345678 }, /"password"/],
    [{ email: 'a@example.test', username: 'someone', password: 'long enough password', role: 'admin' }, /Unknown field "role"/],
  ])('answers 400 naming the field for %j', async (body, message) => {
    const res = await call(h.app, '/api/auth/register', { json: body });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await call(h.app, '/api/auth/register', { body: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Malformed JSON body' });
  });

  it('stores only a hash of the session token', async () => {
    const user = await createUser(h.app);
    const token = user.cookie.split('=')[1] ?? '';
    const rows = await h.sql.select().from(schema.sessions).where(eq(schema.sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe('login', () => {
  it('accepts email or username, issues a new session id and retires the old one', async () => {
    const user = await createUser(h.app);
    const byEmail = await call(h.app, '/api/auth/login', {
      json: { email: user.email, password: user.password },
      cookie: user.cookie,
    });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.id).toBe(user.id);
    expect(byEmail.setCookie).toBeDefined();
    expect(byEmail.setCookie).not.toBe(user.cookie);
    expect((await call(h.app, '/api/auth/me', { cookie: user.cookie })).status).toBe(401);
    expect((await call(h.app, '/api/auth/me', { cookie: byEmail.setCookie })).status).toBe(200);

    const byName = await call(h.app, '/api/auth/login', { json: { email: user.username, password: user.password } });
    expect(byName.status).toBe(200);
  });

  it('answers 401 for a wrong password or an unknown account, with the same message', async () => {
    const user = await createUser(h.app);
    const wrong = await call(h.app, '/api/auth/login', { json: { email: user.email, password: 'not the password' } });
    const unknown = await call(h.app, '/api/auth/login', {
      json: { email: `${uniqueName()}@example.test`, password: 'whatever it is' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.setCookie).toBeUndefined();
  });

  it('answers 429 with Retry-After after repeated failures, counted across API processes', async () => {
    const user = await createUser(h.app);
    // A second API process on the same database, with connections of its own.
    const second = await openSecondProcessDatabase(h.deps.db);
    const other = await createHarness({ database: second });
    try {
      // Five wrong passwords are checked (LOGIN_MAX_FAILURES); the sixth is refused unchecked.
      for (let attempt = 0; attempt < 6; attempt++) {
        const app = attempt % 2 === 0 ? h.app : other.app;
        const res = await call(app, '/api/auth/login', { json: { email: user.email, password: `wrong ${attempt}` } });
        expect(res.status).toBe(attempt < 5 ? 401 : 429);
      }
      // Locked now, even with the right password and on either process.
      const locked = await call(other.app, '/api/auth/login', { json: { email: user.email, password: user.password } });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(locked.body.message).toMatch(/Too many/);
    } finally {
      await other.close();
      if (second !== h.deps.db) await second.close();
    }
  });

  it('answers 400 naming the field when the body is incomplete', async () => {
    const res = await call(h.app, '/api/auth/login', { json: { email: 'someone' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/"password"/);
  });

  it('answers 400 naming the field for a name with a control character (NUL once reached the database: 500)', async () => {
    for (const email of ['a\u0000b', 'ab\u0007', 'tab\there']) {
      const rest = await call(h.app, '/api/auth/login', { json: { email, password: 'whatever-it-is' } });
      expect([rest.status, rest.body]).toEqual([400, { message: 'Invalid field "email": must not contain control characters' }]);
      const rpc = await outcome(trpcFor(h.app).auth.login.mutate({ email, password: 'whatever-it-is' }));
      expect(rpc).toEqual({ status: 400, body: { message: 'Invalid field "email": must not contain control characters' } });
    }
  });
});

describe('sessions', () => {
  it('logout ends the session', async () => {
    const user = await createUser(h.app);
    const out = await call(h.app, '/api/auth/logout', { method: 'POST', cookie: user.cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/connect\.sid=;/);
    const me = await call(h.app, '/api/auth/me', { cookie: user.cookie });
    expect(me.status).toBe(401);
    expect(me.body).toEqual({ message: 'Authentication required' });
  });

  it('expires after the idle timeout, and activity pushes the idle deadline', async () => {
    const user = await createUser(h.app);
    clock += 50 * 60_000;
    expect((await call(h.app, '/api/auth/me', { cookie: user.cookie })).status).toBe(200);
    clock += 50 * 60_000; // 100 minutes since sign-in, 50 since the last request
    expect((await call(h.app, '/api/auth/me', { cookie: user.cookie })).status).toBe(200);
    clock += 61 * 60_000;
    expect((await call(h.app, '/api/auth/me', { cookie: user.cookie })).status).toBe(401);
  });

  it('expires at the absolute deadline however active the user is', async () => {
    const user = await createUser(h.app);
    for (let i = 0; i < 6; i++) {
      clock += 30 * 60_000;
      expect((await call(h.app, '/api/auth/me', { cookie: user.cookie })).status).toBe(i < 5 ? 200 : 401);
    }
  });

  it('ignores a forged or malformed cookie', async () => {
    for (const cookie of ['connect.sid=abc', `connect.sid=${'A'.repeat(43)}`, 'connect.sid=']) {
      expect((await call(h.app, '/api/auth/me', { cookie })).status).toBe(401);
    }
  });

  it('marks the cookie Secure when served over https', async () => {
    const secure = await createHarness({ env: { PUBLIC_URL: 'https://media.example.test' }, database: h.deps.db });
    try {
      const username = uniqueName();
      const res = await call(secure.app, '/api/auth/register', {
        json: { email: `${username}@example.test`, username, password: 'long enough password' },
      });
      expect(res.headers.get('set-cookie')).toContain('Secure');
    } finally {
      await secure.close();
    }
  });

  it('honours SESSION_COOKIE_NAME', async () => {
    const named = await createHarness({ env: { SESSION_COOKIE_NAME: 'ms_session' }, database: h.deps.db });
    try {
      const username = uniqueName();
      const res = await call(named.app, '/api/auth/register', {
        json: { email: `${username}@example.test`, username, password: 'long enough password' },
      });
      expect(res.setCookie).toMatch(/^ms_session=/);
      expect((await call(named.app, '/api/auth/me', { cookie: res.setCookie })).status).toBe(200);
    } finally {
      await named.close();
    }
  });
});

describe('cross-origin requests', () => {
  const foreign = { origin: 'https://evil.example' };

  it.each([
    ['application/json', JSON.stringify({})],
    ['text/plain', '{}'],
    ['application/x-www-form-urlencoded', 'a=b'],
  ])(
    'refuses an unsafe request with a session cookie from another origin (%s) with 403 and changes nothing',
    async (type, body) => {
      const user = await createUser(h.app);
      const res = await call(h.app, '/api/auth/logout', {
        method: 'POST',
        cookie: user.cookie,
        body,
        headers: { ...foreign, 'content-type': type },
      });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ message: 'Cross-origin request refused' });
      expect((await call(h.app, '/api/auth/me', { cookie: user.cookie })).status).toBe(200);
    },
  );

  it('refuses a cross-site request that only sends Sec-Fetch-Site', async () => {
    const user = await createUser(h.app);
    const res = await call(h.app, '/api/auth/logout', {
      method: 'POST',
      cookie: user.cookie,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(403);
  });

  it('allows same-origin requests and clients that send no browser headers', async () => {
    const user = await createUser(h.app);
    const same = await call(h.app, '/api/auth/login', {
      json: { email: user.email, password: user.password },
      headers: { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' },
    });
    expect(same.status).toBe(200);
  });

  it('refuses cross-origin tRPC mutations too', async () => {
    const user = await createUser(h.app);
    const res = await call(h.app, '/trpc/auth.logout', { method: 'POST', cookie: user.cookie, json: {}, headers: foreign });
    expect(res.status).toBe(403);
    expect((await call(h.app, '/api/auth/me', { cookie: user.cookie })).status).toBe(200);
  });
});
