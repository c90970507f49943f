import { ERRORS } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../src/deps';
import { identifyRequestCaller } from '../src/http/caller';
import { requestContext } from '../src/http/request-context';
import { trpcHandler } from '../src/trpc/handler';
import { adminProcedure, publicProcedure, router } from '../src/trpc/init';
import { COMING } from './support/coming-errors';
import { createUser, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';

/** Procedures of the kinds the next issues add, served like the app's own router. */
const testRouter = router({
  admin: router({ stats: adminProcedure.query(({ ctx }) => ({ admin: ctx.user.username })) }),
  fail: router({
    password: publicProcedure.query(() => {
      throw COMING.passwordRequired();
    }),
    slowly: publicProcedure.mutation(() => {
      throw COMING.slowDown();
    }),
    busy: publicProcedure.query(() => {
      throw ERRORS.mediaBusy();
    }),
    crash: publicProcedure.query(() => {
      throw new Error('disk on fire');
    }),
  }),
});

let h: Harness;
let app: Hono<AppEnv>;
let admin: TestUser;
let person: TestUser;
let token: string;
beforeAll(async () => {
  h = await createHarness({ captureLogs: true });
  app = new Hono<AppEnv>().use('*', requestContext(h.deps)).use('/trpc/*', identifyRequestCaller(), trpcHandler(testRouter));
  admin = await createUser(h.app);
  person = await createUser(h.app);
  await h.sql.update(schema.users).set({ role: 'admin' }).where(eq(schema.users.id, admin.id));
  token = (await call(h.app, '/api/user/tokens', { json: { name: 'all', scopes: ['read', 'share'] }, cookie: admin.cookie })).body
    .token;
});
afterAll(() => h.close());

const trpc = async (target: Hono<AppEnv>, path: string, headers: Record<string, string> = {}, method = 'GET') => {
  const res = await target.request(`/trpc/${path}`, { method, headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};

describe('adminProcedure', () => {
  it('answers admins signed in by session', async () => {
    const res = await trpc(app, 'admin.stats', { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(res.body.result.data).toEqual({ admin: admin.username });
  });

  it('is, to everyone else, exactly a procedure that does not exist', async () => {
    const callers: Record<string, string>[] = [
      {},
      { cookie: person.cookie },
      { authorization: `Bearer ${token}` },
      { authorization: 'Bearer nonsense' },
      { authorization: 'Basic x' },
    ];
    for (const headers of callers) {
      const refused = await trpc(app, 'admin.stats', headers);
      // The app's own router has no admin.stats: what it answers is what "missing" looks like.
      const missing = await trpc(h.app as unknown as Hono<AppEnv>, 'admin.stats', headers);
      expect(refused.status).toBe(404);
      expect(refused).toEqual({ ...missing, headers: refused.headers });
    }
  });
});

describe('the tRPC error mapping', () => {
  it('puts a catalog error’s extra fields into error.data, beside the same message', async () => {
    const res = await trpc(app, 'fail.password');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('Password required');
    expect(res.body.error.data).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401, passwordRequired: true });
  });

  it('sends its headers, and Retry-After also as data.retryAfter', async () => {
    const slow = await trpc(app, 'fail.slowly', { 'content-type': 'application/json' }, 'POST');
    expect(slow.status).toBe(429);
    expect(slow.headers.get('retry-after')).toBe('7');
    expect(slow.headers.get('ratelimit-remaining')).toBe('0');
    expect(slow.body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfter: 7 });
    const busy = await trpc(app, 'fail.busy');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('2');
  });

  it('hides unknown failures behind a plain 500, and logs refusals at info, failures at error', async () => {
    h.logs.length = 0;
    const crash = await trpc(app, 'fail.crash');
    expect(crash.status).toBe(500);
    expect(crash.body.error.message).toBe('Internal server error');
    await trpc(app, 'fail.password');
    const levels = Object.fromEntries(
      h.logs.filter((l) => l.msg === 'request failed' || l.msg === 'request refused').map((l) => [l.path, l.level]),
    );
    expect(levels).toEqual({ 'fail.crash': 50, 'fail.password': 30 });
    expect(JSON.stringify(h.logs)).toContain('disk on fire');
  });
});
