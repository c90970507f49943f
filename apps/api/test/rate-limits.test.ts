import { randomInt } from 'node:crypto';
import { sweepStorage } from '@mediashare/core';
import { connect, createDatabase, schema } from '@mediashare/db';
import { count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, fileForm, uniqueName, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness, type TestDatabase } from './support/harness';
import { call, type CallOptions } from './support/http';

/**
 * Budgets on a database of their own (the sweep runs here), with a clock the tests move. `base` has the
 * harness's far-away budgets and makes the users; `limited` and `other` are two API processes with tight
 * budgets on the same database, as two instances behind a load balancer would be.
 */
const BUDGETS = {
  TRUST_PROXY: 'true',
  RATE_LIMIT_UPLOADS: 'account:2/1h,address:3/1h',
  RATE_LIMIT_SHARES: 'account:3/1h',
  RATE_LIMIT_TOKENS: 'account:5/10m',
  RATE_LIMIT_REGISTRATIONS: 'address:2/1h',
};
let clock = Date.now();
const now = () => new Date(clock);
let base: Harness;
let limited: Harness;
let other: Harness;
let otherDb: TestDatabase;

beforeAll(async () => {
  base = await createHarness({ isolated: true });
  const db = base.deps.db;
  // PGlite lives in one process: there the second instance shares the first one's handle.
  otherDb = db.url ? createDatabase(await connect({ url: db.url, poolSize: 4 })) : db;
  limited = await createHarness({ database: db, env: BUDGETS, now, watermark: base.deps.watermark });
  other = await createHarness({ database: otherDb, env: BUDGETS, now, watermark: base.deps.watermark });
});
afterAll(async () => {
  await other?.close();
  await limited?.close();
  if (otherDb && otherDb !== base?.deps.db) await otherDb.close();
  await base?.close();
});

/** A client address no other test uses. */
const address = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const from = (ip: string, options: CallOptions = {}) => ({ ...options, headers: { ...options.headers, 'x-forwarded-for': ip } });
const rateLimitFields = (headers: Headers) =>
  Object.fromEntries(
    ['retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy'].flatMap((name) => {
      const value = headers.get(name);
      return value === null ? [] : [[name, value]];
    }),
  );

const upload = async (h: Harness, user: TestUser, ip: string) =>
  call(
    h.app,
    '/api/user/media',
    from(ip, { method: 'POST', body: fileForm(await makeImage('png'), 'a.png'), cookie: user.cookie }),
  );
const createToken = (h: Harness, user: TestUser, ip = address()) =>
  call(h.app, '/api/user/tokens', from(ip, { json: { name: 'limits', scopes: ['read'] }, cookie: user.cookie }));
const register = (h: Harness, ip: string) => {
  const username = uniqueName();
  return call(
    h.app,
    '/api/auth/register',
    from(ip, { json: { email: `${username}@example.test`, username, password: 'long enough password' } }),
  );
};
/** A raw tRPC request, batched when given several inputs, as a browser client sends it. */
const trpc = async (h: Harness, path: string, inputs: unknown[], headers: Record<string, string>) => {
  const batched = inputs.length > 1;
  const body = batched ? Object.fromEntries(inputs.map((input, i) => [i, input])) : inputs[0];
  const url = batched ? `/trpc/${inputs.map(() => path).join(',')}?batch=1` : `/trpc/${path}`;
  const res = await h.app.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};

const mediaRows = async (user: TestUser) =>
  (await base.sql.select({ n: count() }).from(schema.media).where(eq(schema.media.userId, user.id)))[0]?.n;
const tokenRows = async (user: TestUser) =>
  (await base.sql.select({ n: count() }).from(schema.apiTokens).where(eq(schema.apiTokens.userId, user.id)))[0]?.n;

describe('request budgets', () => {
  it('answer 429 with Retry-After and RateLimit-* once an account has spent its uploads; the refused upload stores nothing', async () => {
    const user = await createUser(base.app);
    const ip = address();
    const first = await upload(limited, user, ip);
    expect(first.status).toBe(201);
    expect(rateLimitFields(first.headers)).toEqual({
      'ratelimit-limit': '2',
      'ratelimit-remaining': '1',
      'ratelimit-reset': '3600',
      'ratelimit-policy': '2;w=3600',
    });
    clock += 600_000;
    const second = await upload(limited, user, address());
    expect(second.status).toBe(201);
    expect(rateLimitFields(second.headers)).toMatchObject({ 'ratelimit-remaining': '0', 'ratelimit-reset': '3000' });

    const [rows, objects] = [await mediaRows(user), await base.objects('user-media')];
    const refused = await upload(limited, user, address());
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ message: 'Too many uploads from this account; try again in 3000 s' });
    expect(rateLimitFields(refused.headers)).toEqual({
      'retry-after': '3000',
      'ratelimit-limit': '2',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '3000',
      'ratelimit-policy': '2;w=3600',
    });
    expect(await mediaRows(user)).toBe(rows);
    expect(await base.objects('user-media')).toEqual(objects);
    // A refused request spends nothing: the count stays at the limit.
    const [row] = await base.sql
      .select()
      .from(schema.rateLimits)
      .where(eq(schema.rateLimits.key, `uploads:account:${user.id}`));
    expect(row?.hits).toBe(2);
  });

  it('count registrations per address, over REST and tRPC alike, one per call of a batch', async () => {
    const ip = address();
    const users = async () => (await base.sql.select({ n: count() }).from(schema.users))[0]?.n;
    expect((await register(limited, ip)).status).toBe(201);
    const viaTrpc = await trpc(
      limited,
      'auth.register',
      [{ email: `${uniqueName()}@example.test`, username: uniqueName(), password: 'long enough password' }],
      {
        'x-forwarded-for': ip,
      },
    );
    expect(viaTrpc.status).toBe(200);
    expect(rateLimitFields(viaTrpc.headers)).toMatchObject({ 'ratelimit-remaining': '0', 'ratelimit-policy': '2;w=3600' });

    const before = await users();
    const refused = await register(limited, ip);
    expect(refused).toMatchObject({
      status: 429,
      body: { message: 'Too many registrations from this address; try again in 3600 s' },
    });
    expect(await users()).toBe(before);
    // Another address has its own budget.
    expect((await register(limited, address())).status).toBe(201);

    // A batch of three from a fresh address: each call is counted, so one of them is refused.
    const batch = await trpc(
      limited,
      'auth.register',
      [0, 1, 2].map(() => {
        const username = uniqueName();
        return { email: `${username}@example.test`, username, password: 'long enough password' };
      }),
      { 'x-forwarded-for': address() },
    );
    // The calls of a batch run at once: any two of them get in.
    const statuses = batch.body.map((r: any) => r.error?.data?.httpStatus ?? 200);
    expect(statuses.sort()).toEqual([200, 200, 429]);
    const refusal = batch.body.find((r: any) => r.error).error;
    expect(refusal.message).toBe('Too many registrations from this address; try again in 3600 s');
    expect(refusal.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfter: 3600 });
  });

  it('are one count for REST and tRPC: shares made either way spend the same budget', async () => {
    const user = await createUser(base.app);
    const ip = address();
    const { body: item } = await upload(base, user, ip);
    const { body: unshared } = await upload(base, user, ip);
    const headers = { cookie: user.cookie, 'x-forwarded-for': ip };
    const link = { shareToCommunity: false };

    expect((await call(limited.app, `/api/media/${item.id}/share`, from(ip, { json: link, cookie: user.cookie }))).status).toBe(
      200,
    );
    expect((await trpc(limited, 'share.create', [{ id: item.id, ...link }], headers)).status).toBe(200);
    const third = await call(
      other.app,
      '/api/user/media/share',
      from(ip, { json: { filePath: item.filePath, ...link }, cookie: user.cookie }),
    );
    expect(third.status).toBe(200);
    expect(rateLimitFields(third.headers)).toMatchObject({ 'ratelimit-limit': '3', 'ratelimit-remaining': '0' });

    const rest = await call(limited.app, `/api/media/${unshared.id}/share`, from(ip, { json: link, cookie: user.cookie }));
    expect(rest).toMatchObject({ status: 429, body: { message: 'Too many shares from this account; try again in 3600 s' } });
    const viaTrpc = await trpc(limited, 'share.create', [{ id: unshared.id, ...link }], headers);
    expect(viaTrpc.status).toBe(429);
    expect(rateLimitFields(viaTrpc.headers)).toEqual(rateLimitFields(rest.headers));
    expect(viaTrpc.body.error).toMatchObject({ message: rest.body.message, data: { retryAfter: 3600 } });
    // Neither refusal shared the item.
    const after = await call(base.app, `/api/user/media/${unshared.id}`, { cookie: user.cookie });
    expect(after.body).toMatchObject({ isShared: false, shareCode: null });
  });

  it('are shared by two API processes on one database, counting concurrent requests exactly once', async () => {
    const user = await createUser(base.app);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => createToken(i % 2 ? other : limited, user)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(7);
    expect(
      answers
        .filter((a) => a.status === 201)
        .map((a) => a.headers.get('ratelimit-remaining'))
        .sort(),
    ).toEqual(['0', '1', '2', '3', '4']);
    expect(await tokenRows(user)).toBe(5);
  });

  it('roll over when the window ends, on the clock rather than by waiting', async () => {
    const user = await createUser(base.app);
    for (let i = 0; i < 5; i++) expect((await createToken(limited, user)).status).toBe(201);
    clock += 599_000;
    const late = await createToken(other, user);
    expect(late.status).toBe(429);
    expect(late.headers.get('retry-after')).toBe('1');
    clock += 1_000;
    const fresh = await createToken(other, user);
    expect(fresh.status).toBe(201);
    expect(rateLimitFields(fresh.headers)).toEqual({
      'ratelimit-limit': '5',
      'ratelimit-remaining': '4',
      'ratelimit-reset': '600',
      'ratelimit-policy': '5;w=600',
    });
    expect(await tokenRows(user)).toBe(6);
  });

  it('take nothing from the account when the address refuses the request', async () => {
    const [user, first, second] = [await createUser(base.app), await createUser(base.app), await createUser(base.app)];
    const shared = address();
    // Three uploads from one address (its limit), by two neighbours within their own accounts' limits.
    for (const neighbour of [first, first, second]) expect((await upload(limited, neighbour, shared)).status).toBe(201);
    const refused = await upload(limited, user, shared);
    expect(refused).toMatchObject({
      status: 429,
      body: { message: expect.stringMatching(/^Too many uploads from this address/) },
    });
    const [row] = await base.sql
      .select()
      .from(schema.rateLimits)
      .where(eq(schema.rateLimits.key, `uploads:account:${user.id}`));
    expect(row).toBeUndefined();
    expect((await upload(limited, user, address())).headers.get('ratelimit-remaining')).toBe('1');
  });

  it('are removed by the sweep once their window has ended', async () => {
    const user = await createUser(base.app);
    await createToken(limited, user);
    clock += 5 * 60_000;
    const later = await createUser(base.app);
    await createToken(limited, later);
    clock += 5 * 60_000;
    // The first window (10 min) has ended; the second has 5 minutes to go.
    await sweepStorage(limited.deps, { graceMs: 3_600_000 });
    const keys = await base.sql
      .select({ key: schema.rateLimits.key })
      .from(schema.rateLimits)
      .where(like(schema.rateLimits.key, 'tokens:%'));
    expect(keys.map((k) => k.key)).toContain(`tokens:account:${later.id}`);
    expect(keys.map((k) => k.key)).not.toContain(`tokens:account:${user.id}`);
  });
});

describe('RATE_LIMITS=off', () => {
  it('counts nothing and sends no RateLimit fields', async () => {
    const off = await createHarness({
      database: base.deps.db,
      env: { ...BUDGETS, RATE_LIMITS: 'off' },
      now,
      watermark: base.deps.watermark,
    });
    try {
      const user = await createUser(base.app);
      for (let i = 0; i < 8; i++) {
        const res = await createToken(off, user);
        expect(res.status).toBe(201);
        expect(rateLimitFields(res.headers)).toEqual({});
      }
      const rows = await base.sql
        .select()
        .from(schema.rateLimits)
        .where(eq(schema.rateLimits.key, `tokens:account:${user.id}`));
      expect(rows).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
