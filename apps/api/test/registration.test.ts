import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAdmin } from './support/admins';
import { createUser, uniqueName, type TestUser } from './support/factories';
import { createHarness, openSecondProcessDatabase, type Harness, type TestDatabase } from './support/harness';
import { call } from './support/http';
import { outcome, trpcFor } from './support/trpc-client';

const API_ROOT = fileURLToPath(new URL('..', import.meta.url));

let clock = Date.now();
let open: Harness;
let invite: Harness;
let closed: Harness;
let admin: TestUser;
beforeAll(async () => {
  open = await createHarness({ now: () => new Date(clock) });
  // The other modes share the first harness's database and image service: only registration differs.
  const more = { database: open.deps.db, imaging: open.deps.imaging, now: () => new Date(clock) };
  invite = await createHarness({ ...more, env: { REGISTRATION: 'invite' } });
  closed = await createHarness({ ...more, env: { REGISTRATION: 'closed' } });
  admin = await createAdmin(open);
});
afterAll(async () => {
  await closed?.close();
  await invite?.close();
  await open?.close();
});

const account = (inviteCode?: string) => {
  const username = uniqueName('reg');
  return {
    email: `${username}@example.test`,
    username,
    password: 'a long enough password',
    ...(inviteCode ? { inviteCode } : {}),
  };
};
const register = (h: Harness, body: object) => call(h.app, '/api/auth/register', { json: body });
const rowsFor = async (h: Harness, email: string) =>
  h.sql.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email));
const newInvite = async (body: object = {}) => {
  const res = await call<{ id: number; code: string; link: string; usesLeft: number }>(open.app, '/api/admin/invites', {
    json: body,
    cookie: admin.cookie,
  });
  expect(res.status).toBe(201);
  return res.body;
};

describe('REGISTRATION', () => {
  it('tells clients the mode through GET /api/config and tRPC', async () => {
    for (const [h, mode] of [
      [open, 'open'],
      [invite, 'invite'],
      [closed, 'closed'],
    ] as const) {
      expect((await call(h.app, '/api/config')).body).toMatchObject({ registration: mode });
      expect(await trpcFor(h.app).config.get.query()).toMatchObject({ registration: mode });
    }
  });

  it('open (the default): anyone registers, and an invite code sent along is ignored', async () => {
    expect((await register(open, account())).status).toBe(201);
    expect((await register(open, account('whatever'))).status).toBe(201);
  });

  it('closed: every registration is 403 "Registration is closed", on both transports, and nothing is created', async () => {
    const body = account();
    const res = await register(closed, body);
    expect(res).toMatchObject({ status: 403, body: { message: 'Registration is closed' } });
    expect(res.setCookie).toBeUndefined();
    const viaTrpc = await outcome(trpcFor(closed.app).auth.register.mutate(body));
    expect(viaTrpc).toEqual({ status: 403, body: { message: 'Registration is closed' } });
    expect(await rowsFor(closed, body.email)).toEqual([]);
    // A valid invite does not open a closed server.
    expect((await register(closed, account((await newInvite()).code))).status).toBe(403);
  });

  it('invite: no code, an unknown code, a used, deleted or expired invite are each 400, creating nothing', async () => {
    const refusal = { status: 400, body: { message: 'This invite is invalid or has been used' } };
    for (const code of [undefined, 'not-a-code']) {
      const body = account(code);
      expect(await register(invite, body)).toMatchObject(refusal);
      expect(await rowsFor(invite, body.email)).toEqual([]);
    }
    const once = await newInvite();
    expect((await register(invite, account(once.code))).status).toBe(201);
    expect(await register(invite, account(once.code))).toMatchObject(refusal);

    const deleted = await newInvite({ uses: 5 });
    expect((await call(open.app, `/api/admin/invites/${deleted.id}`, { method: 'DELETE', cookie: admin.cookie })).status).toBe(
      204,
    );
    expect(await register(invite, account(deleted.code))).toMatchObject(refusal);

    const expiring = await newInvite({ uses: 5, expiresAt: new Date(clock + 60_000).toISOString() });
    expect((await register(invite, account(expiring.code))).status).toBe(201);
    clock += 61_000;
    expect(await register(invite, account(expiring.code))).toMatchObject(refusal);
  });

  it('invite: a multi-use invite admits as many accounts as it has uses; a taken name gives its use back', async () => {
    const twice = await newInvite({ uses: 2 });
    expect(twice.usesLeft).toBe(2);
    const first = account(twice.code);
    expect((await register(invite, first)).status).toBe(201);
    // Refused on its name: the invite keeps its last use.
    expect((await register(invite, { ...account(twice.code), email: first.email })).status).toBe(409);
    expect((await register(invite, account(twice.code))).status).toBe(201);
    expect((await register(invite, account(twice.code))).status).toBe(400);
    const listed = (await call(open.app, '/api/admin/invites', { cookie: admin.cookie })).body.invites as object[];
    expect(listed.find((i) => (i as { id: number }).id === twice.id)).toMatchObject({ uses: 2, usesLeft: 0 });
  });

  it('invite: of two parallel registrations with a one-use invite on two API processes, exactly one succeeds', async () => {
    const second = await openSecondProcessDatabase(invite.deps.db);
    const other = await createHarness({ database: second, imaging: open.deps.imaging, env: { REGISTRATION: 'invite' } });
    try {
      for (let round = 0; round < 5; round++) {
        const { code, id } = await newInvite();
        const results = await Promise.all([register(invite, account(code)), register(other, account(code))]);
        expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
        const [row] = await invite.sql.select().from(schema.invites).where(eq(schema.invites.id, id));
        expect(row).toMatchObject({ uses: 1, maxUses: 1 });
      }
    } finally {
      await other.close();
      if (second !== invite.deps.db) await (second as TestDatabase).close();
    }
  });
});

describe('/api/admin/invites', () => {
  it('stores only the code’s hash and answers a link to the sign-up page carrying it', async () => {
    const made = await newInvite({ uses: 3 });
    expect(made.link).toBe(`/register?invite=${made.code}`);
    const [row] = await open.sql.select().from(schema.invites).where(eq(schema.invites.id, made.id));
    expect(row!.codeHash).toBe(createHash('sha256').update(made.code).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(made.code);
    const listed = await call(open.app, '/api/admin/invites', { cookie: admin.cookie });
    expect(JSON.stringify(listed.body)).not.toContain(made.code);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    for (const [body, message] of [
      [{ uses: 0 }, 'Invalid field "uses": must be at least 1'],
      [{ expiresAt: 'tomorrow' }, 'Invalid field "expiresAt": must be an ISO 8601 date and time'],
      [{ expiresAt: new Date(clock - 1000).toISOString() }, 'Invalid field "expiresAt": must be in the future'],
      [{ code: 'mine' }, 'Unknown field "code"'],
    ] as const) {
      const before = (await call(open.app, '/api/admin/invites', { cookie: admin.cookie })).body.invites.length as number;
      expect(await call(open.app, '/api/admin/invites', { json: body, cookie: admin.cookie })).toMatchObject({
        status: 400,
        body: { message },
      });
      expect((await call(open.app, '/api/admin/invites', { cookie: admin.cookie })).body.invites.length).toBe(before);
    }
    expect(await call(open.app, '/api/admin/invites/abc', { method: 'DELETE', cookie: admin.cookie })).toMatchObject({
      status: 400,
      body: { message: 'Invalid invite ID' },
    });
    expect(await call(open.app, '/api/admin/invites/2147483000', { method: 'DELETE', cookie: admin.cookie })).toMatchObject({
      status: 404,
      body: { message: 'Invite not found' },
    });
  });

  it('does not exist for anyone but admins (404), on both transports', async () => {
    const user = await createUser(open.app);
    for (const cookie of [user.cookie, undefined]) {
      expect((await call(open.app, '/api/admin/invites', { cookie })).status).toBe(404);
      expect((await call(open.app, '/api/admin/invites', { json: {}, cookie })).status).toBe(404);
      expect((await outcome(trpcFor(open.app, cookie).invites.list.query())).status).toBe(404);
    }
    expect((await trpcFor(open.app, admin.cookie).invites.create.mutate({ uses: 2 })).usesLeft).toBe(2);
  });
});

describe('pnpm user:create', () => {
  it('makes an account whatever the mode and prints a set-password link through the reset page', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mediashare-create-'));
    const postgres = inject('dbMode') === 'postgres';
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: postgres ? inject('databaseUrl') : '',
      REGISTRATION: 'closed',
      LOG_LEVEL: 'silent',
    };
    const cli = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/create-user.ts', ...args], { cwd: API_ROOT, env }).then(
        ({ stdout }) => ({ code: 0, out: stdout }),
        (error: { code: number; stderr: string }) => ({ code: error.code, out: error.stderr }),
      );
    try {
      const username = uniqueName('cli');
      const printed = await cli(`${username}@example.test`, username);
      expect(printed.code).toBe(0);
      expect(printed.out).toContain(`Created ${username} <${username}@example.test>. Set-password link, valid once until `);
      const link = /^ {2}(http\S+)$/m.exec(printed.out)?.[1] ?? '';
      expect(link).toMatch(/^http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]{43}$/);
      expect(await cli(`${username}@example.test`, uniqueName('cli'))).toEqual({
        code: 1,
        out: 'An account with this email already exists\n',
      });
      expect(await cli('not-an-email', uniqueName('cli'))).toEqual({ code: 1, out: 'Invalid email: must be an email address\n' });
      expect((await cli('only-one-argument')).code).toBe(2);

      // On PostgreSQL the command wrote to the run's database: the link sets the password there.
      if (postgres) {
        const token = link.split('/').pop()!;
        expect(
          (await call(closed.app, '/api/auth/login', { json: { email: username, password: 'anything at all' } })).status,
        ).toBe(401);
        const set = await call(closed.app, '/api/auth/reset-password', { json: { token, newPassword: 'chosen by its owner' } });
        expect(set.status).toBe(204);
        expect(
          (await call(closed.app, '/api/auth/login', { json: { email: username, password: 'chosen by its owner' } })).status,
        ).toBe(200);
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
