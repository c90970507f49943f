import { schema } from '@mediashare/db';
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { createUser, uniqueName, type TestUser } from './support/factories';
import { createHarness, openSecondProcessDatabase, type Harness } from './support/harness';
import { call } from './support/http';

/**
 * Sign-in guesses are bounded by budgets in the database, taken before any password is checked: however
 * the guesses arrive (at once, batched, on two processes), at most LOGIN_MAX_FAILURES of them are ever
 * checked against one account per window. Each test signs in from its own address (TRUST_PROXY).
 */
const MAX = 5;
const PER_IP = 12;
const GUESSES = 300;
let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    // Hashing lanes wide enough that only the budgets refuse (trpc-limits.test.ts covers the lanes).
    env: {
      LOGIN_MAX_FAILURES: String(MAX),
      LOGIN_MAX_FAILURES_PER_IP: String(PER_IP),
      TRUST_PROXY: 'true',
      PASSWORD_HASHES_PER_IP: '100',
    },
  });
});
afterAll(() => h.close());

let lastOctet = 0;
const freshAddress = () => `198.51.${Math.floor(Math.random() * 250)}.${++lastOctet}`;

/** 299 wrong passwords and the right one, typed half with the email and half with the username. */
const guessesAt = (user: TestUser) =>
  Array.from({ length: GUESSES }, (_, i) => ({
    email: i % 2 ? user.username.toUpperCase() : user.email,
    password: i === 150 ? user.password : `wrong guess ${i}`,
  }));

const signIn = (app: App, body: { email: string; password: string }, ip: string) =>
  call(app, '/api/auth/login', { json: body, headers: { 'x-forwarded-for': ip } });

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

/** After the burst, the account is spent: the right password, typed either way, is not even checked. */
const expectSpent = async (app: App, user: TestUser, ip: string) => {
  for (const email of [user.email, user.username]) {
    const res = await signIn(app, { email, password: user.password }, ip);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  }
};

describe('sign-in budgets', () => {
  it('checks at most LOGIN_MAX_FAILURES of 300 parallel REST guesses, whichever name of the account is typed', async () => {
    const user = await createUser(h.app);
    const ip = freshAddress();
    const answers = await Promise.all(guessesAt(user).map((guess) => signIn(h.app, guess, ip)));
    const counts = tally(answers.map((a) => a.status));
    // Every checked wrong password is a 401; everything else was refused before any hashing.
    expect(counts[401]).toBe(MAX);
    expect((counts[401] ?? 0) + (counts[200] ?? 0) + (counts[429] ?? 0)).toBe(GUESSES);
    expect(answers.find((a) => a.status === 429)?.body).toEqual({
      message: 'Too many failed sign-in attempts; try again later',
    });
    await expectSpent(h.app, user, freshAddress());
  });

  it('checks none of 300 guesses sent as one tRPC batch, and at most LOGIN_MAX_FAILURES of 300 parallel tRPC calls', async () => {
    const user = await createUser(h.app);
    const guesses = guessesAt(user);
    const ip = freshAddress();
    const trpc = (path: string, body: unknown) =>
      h.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify(body),
      });
    // A batch is refused whole: sign-ins cannot be batched (and 300 is over the batch limit anyway).
    const batch = await trpc(
      `/trpc/${guesses.map(() => 'auth.login').join(',')}?batch=1`,
      Object.fromEntries(guesses.map((g, i) => [i, g])),
    );
    expect(batch.status).toBe(400);
    const pair = await trpc('/trpc/auth.login,auth.login?batch=1', { 0: guesses[0], 1: guesses[1] });
    expect(pair.status).toBe(400);
    expect(((await pair.json()) as { error: { message: string } }).error.message).toBe(
      'auth.login cannot be batched; send it in a request of its own',
    );
    expect(
      await h.sql
        .select()
        .from(schema.loginThrottle)
        .where(like(schema.loginThrottle.key, `user:${user.id}`)),
    ).toEqual([]);

    const answers = await Promise.all(guesses.map((g) => trpc('/trpc/auth.login', g)));
    const counts = tally(answers.map((a) => a.status));
    expect(counts[401]).toBe(MAX);
    expect((counts[200] ?? 0) + (counts[429] ?? 0)).toBe(GUESSES - MAX);
    await expectSpent(h.app, user, freshAddress());
  });

  it('checks at most LOGIN_MAX_FAILURES of 300 guesses split across two API processes', async () => {
    const user = await createUser(h.app);
    const second = await openSecondProcessDatabase(h.deps.db);
    const other = await createHarness({ database: second, env: { LOGIN_MAX_FAILURES: String(MAX), TRUST_PROXY: 'true' } });
    try {
      const ip = freshAddress();
      const answers = await Promise.all(guessesAt(user).map((g, i) => signIn(i % 2 ? other.app : h.app, g, ip)));
      expect(tally(answers.map((a) => a.status))[401]).toBe(MAX);
      await expectSpent(other.app, user, freshAddress());
      await expectSpent(h.app, user, freshAddress());
    } finally {
      await other.close();
      if (second !== h.deps.db) await second.close();
    }
  });

  it('bounds guesses from one address at LOGIN_MAX_FAILURES_PER_IP, whatever names they try', async () => {
    const ip = freshAddress();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => signIn(h.app, { email: `${uniqueName()}@example.test`, password: 'guess' }, ip)),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 401: PER_IP, 429: 100 - PER_IP });
    // A real account from that address is refused too, without its password being checked.
    const user = await createUser(h.app);
    expect((await signIn(h.app, { email: user.email, password: user.password }, ip)).status).toBe(429);
    // ...and that refusal took nothing from the account's own budget.
    expect((await signIn(h.app, { email: user.email, password: user.password }, freshAddress())).status).toBe(200);
  });

  it('counts one IPv6 /64 as one address', async () => {
    const prefix = `2001:db8:${(++lastOctet).toString(16)}:1`;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn(h.app, { email: uniqueName(), password: 'guess' }, `${prefix}:${(i + 1).toString(16)}::${i.toString(16)}`),
      ),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 401: PER_IP, 429: 40 - PER_IP });
  });

  it('gives back the attempt of a right password, so the owner is not pushed toward a lock by signing in', async () => {
    const user = await createUser(h.app);
    const ip = freshAddress();
    const right = { email: user.email, password: user.password };
    for (let i = 0; i < MAX + 3; i++) expect((await signIn(h.app, right, ip)).status).toBe(200);
    // Failures still count after a success: a success does not reset what an attacker has spent.
    for (let i = 0; i < MAX; i++) expect((await signIn(h.app, { ...right, password: `wrong ${i}` }, ip)).status).toBe(401);
    expect((await signIn(h.app, right, ip)).status).toBe(429);
    const rows = await h.sql
      .select()
      .from(schema.loginThrottle)
      .where(like(schema.loginThrottle.key, `user:${user.id}`));
    expect(rows.map((r) => r.failures)).toEqual([MAX]);
  });
});
