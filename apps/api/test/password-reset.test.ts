import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DatabasePort } from '@mediashare/core';
import { openDatabase, schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createUser, uniqueName, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { outcome, trpcFor } from './support/trpc-client';

const API_ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

let h: Harness;
let clock = Date.now();
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(clock) });
});
afterAll(() => h.close());

const evil = { origin: 'https://evil.example' };
const tokenOf = (link: string) => /\/reset-password\/([A-Za-z0-9_-]{43})$/.exec(link.trim())?.[1] ?? '';
const signsInWith = async (user: TestUser, password: string) =>
  (await call(h.app, '/api/auth/login', { json: { email: user.email, password } })).status === 200;

/** What `pnpm user:reset-password` does, without the process: the core call it makes. */
const issueLink = async (user: TestUser) => {
  const { createPasswordReset } = await import('@mediashare/core');
  const { path: linkPath } = await createPasswordReset(h.deps, { login: user.username });
  return tokenOf(linkPath);
};

const reset = (token: string, newPassword = 'a password from the link', headers: Record<string, string> = {}) =>
  call(h.app, '/api/auth/reset-password', { json: { token, newPassword }, headers });

describe('pnpm user:reset-password', () => {
  it('prints a single-use link for an email or a username, storing only its hash', async () => {
    // The command opens the database itself: PostgreSQL's test database, or an embedded one on disk.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mediashare-reset-'));
    const postgres = inject('dbMode') === 'postgres';
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: postgres ? inject('databaseUrl') : '', LOG_LEVEL: 'silent' };
    const open = async (): Promise<DatabasePort> =>
      postgres ? h.deps.db : openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    try {
      let db = await open();
      const username = uniqueName('cli');
      const created = await db.users.create({ email: `${username}@example.test`, username, passwordHash: 'x' });
      if (!postgres) await db.close();
      if (!created.ok) throw new Error('no user');

      const cli = (login: string) =>
        run(process.execPath, ['--import', 'tsx', 'src/cli/reset-password.ts', login], { cwd: API_ROOT, env }).then(
          ({ stdout }) => ({ code: 0, stdout }),
          (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stderr }),
        );
      const printed = await cli(`${username.toUpperCase()}@EXAMPLE.TEST`);
      expect(printed.code).toBe(0);
      expect(printed.stdout).toContain(`Reset link for ${username} <${username}@example.test>`);
      const link = /^ {2}(http\S+)$/m.exec(printed.stdout)?.[1] ?? '';
      expect(link).toMatch(/^http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]{43}$/);
      const unknown = await cli('nobody-has-this-name');
      expect(unknown).toEqual({ code: 1, stdout: 'No account has the email or username "nobody-has-this-name".\n' });

      db = await open();
      const harness = await createHarness({ database: db as Harness['deps']['db'] });
      try {
        const rows = await harness.sql
          .select()
          .from(schema.passwordResets)
          .where(eq(schema.passwordResets.userId, created.user.id));
        expect(rows).toHaveLength(1);
        expect(rows[0]!.tokenHash).toBe(createHash('sha256').update(tokenOf(link)).digest('hex'));
        expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(3_600_000);
        const used = await call(harness.app, '/api/auth/reset-password', {
          json: { token: tokenOf(link), newPassword: 'set from the command' },
        });
        expect(used.status).toBe(204);
        const signIn = await call(harness.app, '/api/auth/login', {
          json: { email: username, password: 'set from the command' },
        });
        expect(signIn.status).toBe(200);
      } finally {
        await harness.close();
        if (!postgres) await db.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('POST /api/auth/reset-password', () => {
  it('sets the password, ends every session of the account, and works once', async () => {
    const [user, bystander] = [await createUser(h.app), await createUser(h.app)];
    const second = (await call(h.app, '/api/auth/login', { json: { email: user.email, password: user.password } })).setCookie!;
    const token = await issueLink(user);
    expect((await reset(token)).status).toBe(204);
    for (const cookie of [user.cookie, second]) expect((await call(h.app, '/api/auth/me', { cookie })).status).toBe(401);
    expect((await call(h.app, '/api/auth/me', { cookie: bystander.cookie })).status).toBe(200);
    expect(await signsInWith(user, 'a password from the link')).toBe(true);
    expect(await signsInWith(user, user.password)).toBe(false);

    const again = await reset(token, 'yet another password');
    expect(again).toMatchObject({ status: 400, body: { message: 'This reset link is invalid or has expired' } });
    expect(await signsInWith(user, 'a password from the link')).toBe(true);
  });

  it('retires the account’s other links when one is used', async () => {
    const user = await createUser(h.app);
    const [first, second] = [await issueLink(user), await issueLink(user)];
    expect((await reset(second)).status).toBe(204);
    expect((await reset(first, 'the older link')).status).toBe(400);
  });

  it('refuses a link after an hour', async () => {
    const user = await createUser(h.app);
    const token = await issueLink(user);
    clock += 3_600_000 + 1000;
    const res = await reset(token);
    expect(res).toMatchObject({ status: 400, body: { message: 'This reset link is invalid or has expired' } });
    expect(await signsInWith(user, user.password)).toBe(true);
  });

  it('lets only one of two simultaneous uses of a link through', async () => {
    const user = await createUser(h.app);
    const token = await issueLink(user);
    const answers = await Promise.all([reset(token, 'first of two'), reset(token, 'second of two')]);
    expect(answers.map((a) => a.status).sort()).toEqual([204, 400]);
    const winner = answers[0]!.status === 204 ? 'first of two' : 'second of two';
    expect(await signsInWith(user, winner)).toBe(true);
  });

  it.each([
    [{ token: `${'A'.repeat(43)}` }, /^Invalid field "newPassword"/],
    [{ token: 'x', newPassword: 'short' }, /^Invalid field "newPassword": must be at least 8 characters$/],
    [{ newPassword: 'long enough password' }, /^Invalid field "token"/],
    [{ token: '', newPassword: 'long enough password' }, /^Invalid field "token": is required$/],
    [{ token: 'x', newPassword: 'long enough password', userId: 1 }, /^Unknown field "userId"$/],
  ])('answers %j with 400 naming the field', async (body, message) => {
    const res = await call(h.app, '/api/auth/reset-password', { json: body });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it.each(['not-a-token', 'A'.repeat(43), 'A'.repeat(44)])(
    'answers an unknown or malformed token (%s) with the same 400',
    async (token) => {
      expect(await reset(token)).toMatchObject({ status: 400, body: { message: 'This reset link is invalid or has expired' } });
    },
  );

  it('refuses a request from another site, leaving the link usable', async () => {
    const user = await createUser(h.app);
    const token = await issueLink(user);
    expect((await reset(token, 'from elsewhere', evil)).status).toBe(403);
    expect((await reset(token, 'from elsewhere', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(await signsInWith(user, user.password)).toBe(true);
    expect((await reset(token)).status).toBe(204);
  });

  it('is mirrored over tRPC', async () => {
    const user = await createUser(h.app);
    const token = await issueLink(user);
    expect(await trpcFor(h.app).auth.resetPassword.mutate({ token, newPassword: 'reset over trpc' })).toBeNull();
    expect(await outcome(trpcFor(h.app).auth.resetPassword.mutate({ token, newPassword: 'reset over trpc' }))).toEqual({
      status: 400,
      body: { message: 'This reset link is invalid or has expired' },
    });
  });
});

describe('POST /api/auth/forgot-password', () => {
  let sink: SmtpSink;
  let mailing: Harness;
  /** While closed, every account lookup of the mailing server waits. */
  let lookups = { gate: Promise.resolve(), open: () => {} };
  beforeAll(async () => {
    sink = await startSmtpSink();
    mailing = await createHarness({
      database: h.deps.db,
      captureLogs: true,
      env: { SMTP_URL: sink.url, MAIL_FROM: 'Media Share <media@example.test>' },
      wrapPorts: (storage, database) => ({
        storage,
        database: {
          ...database,
          users: {
            ...database.users,
            findByLogin: async (login) => {
              await lookups.gate;
              return database.users.findByLogin(login);
            },
          },
        },
      }),
    });
  });
  afterAll(async () => {
    await mailing.close();
    await sink.close();
  });
  const forgot = (email: string, headers: Record<string, string> = {}) =>
    call(mailing.app, '/api/auth/forgot-password', { json: { email }, headers });

  it('mails a working link to the account’s address', async () => {
    const user = await createUser(h.app);
    const res = await forgot(user.email.toUpperCase());
    expect(res.status).toBe(204);
    const mail = await vi.waitFor(
      () => {
        const found = sink.received.find((m) => m.to.includes(user.email));
        if (!found) throw new Error('no mail yet');
        return found;
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(mail.raw).toMatch(/^From: Media Share <media@example\.test>$/m);
    expect(mail.raw).toMatch(/^Subject: Reset your mediashare password$/m);
    expect(mail.body).toContain(`"${user.username}"`);
    const link = /http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]{43}/.exec(mail.body)?.[0] ?? '';
    expect((await reset(tokenOf(link), 'chosen from the mail')).status).toBe(204);
    expect(await signsInWith(user, 'chosen from the mail')).toBe(true);
  });

  it('answers 204 before looking anything up, and sends nothing for an unknown address', async () => {
    const user = await createUser(h.app);
    const before = sink.received.length;
    lookups = { gate: new Promise((resolve) => (lookups.open = resolve)), open: () => {} };
    let release = () => {};
    lookups.gate = new Promise<void>((resolve) => (release = resolve));
    // Both answers arrive while every lookup is still waiting: neither depends on whether the account exists.
    const [known, unknown] = await Promise.all([forgot(user.email), forgot(`${uniqueName()}@example.test`)]);
    expect([known.status, unknown.status]).toEqual([204, 204]);
    expect(known.raw.headers.get('content-length') ?? '0').toBe(unknown.raw.headers.get('content-length') ?? '0');
    release();
    await vi.waitFor(
      () => {
        if (!sink.received.some((m) => m.to.includes(user.email))) throw new Error('no mail yet');
        if (!mailing.logs.some((l) => l.msg === 'password reset asked for an unknown email'))
          throw new Error('not looked up yet');
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(sink.received.length - before).toBe(1);
  });

  it('does not wait for the mail server', async () => {
    const user = await createUser(h.app);
    sink.hold();
    try {
      expect((await forgot(user.email)).status).toBe(204);
      expect(sink.received.some((m) => m.to.includes(user.email))).toBe(false);
    } finally {
      sink.release();
    }
    await vi.waitFor(
      () => {
        if (!sink.received.some((m) => m.to.includes(user.email))) throw new Error('no mail yet');
      },
      { timeout: 30_000, interval: 50 },
    );
  });

  it.each([
    [{}, /^Invalid field "email"/],
    [{ email: 'not an address' }, /^Invalid field "email": must be an email address$/],
    [{ email: 'a@example.test', username: 'x' }, /^Unknown field "username"$/],
  ])('answers %j with 400 naming the field', async (body, message) => {
    const res = await call(mailing.app, '/api/auth/forgot-password', { json: body });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('refuses a request from another site', async () => {
    const user = await createUser(h.app);
    const before = sink.received.length;
    expect((await forgot(user.email, evil)).status).toBe(403);
    expect(sink.received.length).toBe(before);
  });

  it('does not exist without SMTP_URL', async () => {
    const res = await call(h.app, '/api/auth/forgot-password', { json: { email: 'a@example.test' } });
    expect(res).toMatchObject({ status: 404, body: { message: 'Not found' } });
    expect(await outcome(trpcFor(h.app).auth.forgotPassword.mutate({ email: 'a@example.test' }))).toMatchObject({ status: 404 });
  });
});
