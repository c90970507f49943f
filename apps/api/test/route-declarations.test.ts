import { ACCESS, ERRORS } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppEnv } from '../src/deps';
import { identifyRequestCaller } from '../src/http/caller';
import { errorResponse } from '../src/http/errors';
import { requestContext } from '../src/http/request-context';
import { createOpenApiDocument } from '../src/rest/openapi-document';
import { defineRoute, json, refused } from '../src/rest/define-route';
import { mountRoutes } from '../src/rest/mount-routes';
import { COMING } from './support/coming-errors';
import { createUser, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';

const ZStats = z.object({ admin: z.string() });

/** Routes of the kinds the next issues add, declared and mounted as the app's own are. */
const adminStats = defineRoute({
  method: 'get',
  path: '/api/admin/stats',
  operationId: 'getAdminStats',
  tag: 'Operations',
  summary: 'Admin only',
  access: ACCESS.admin,
  responses: { 200: json(ZStats, 'For admins.') },
  handler: ({ user }) => ({ admin: user.username }),
});
const unlock = defineRoute({
  method: 'post',
  path: '/api/links/{code}/unlock',
  operationId: 'unlockLink',
  tag: 'Share links',
  summary: 'Needs a password',
  access: ACCESS.public,
  request: { params: z.object({ code: z.string() }) },
  responses: { 200: json(ZStats, 'Unlocked.'), 401: refused([COMING.passwordRequired()]), 429: refused([COMING.slowDown()]) },
  handler: ({ params }) => {
    throw params.code === 'slow' ? COMING.slowDown() : COMING.passwordRequired();
  },
});
const wrongShape = defineRoute({
  method: 'get',
  path: '/api/broken/shape',
  operationId: 'getWrongShape',
  tag: 'Operations',
  summary: 'Answers what it does not declare',
  access: ACCESS.public,
  responses: { 200: json(ZStats, 'Says a string.') },
  handler: () => ({ admin: 42 }) as unknown as { admin: string },
});
const wrongStatus = defineRoute({
  method: 'get',
  path: '/api/broken/status',
  operationId: 'getWrongStatus',
  tag: 'Operations',
  summary: 'Refuses with a status it does not declare',
  access: ACCESS.public,
  responses: { 200: json(ZStats, 'Never.') },
  handler: () => {
    throw ERRORS.mediaNotFound();
  },
});

let h: Harness;
let app: Hono<AppEnv>;
let admin: TestUser;
let person: TestUser;
beforeAll(async () => {
  h = await createHarness();
  app = new Hono<AppEnv>().use('*', requestContext(h.deps)).use('/api/*', identifyRequestCaller());
  mountRoutes(app, [adminStats, unlock, wrongShape, wrongStatus], { validateResponses: true });
  app.all('/api/*', () => {
    throw ERRORS.routeNotFound();
  });
  app.onError((error, c) => errorResponse(c, error));
  admin = await createUser(h.app);
  person = await createUser(h.app);
  await h.sql.update(schema.users).set({ role: 'admin' }).where(eq(schema.users.id, admin.id));
});
afterAll(() => h.close());

const request = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
  const res = await app.request(path, { method, headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};

describe('an admin route', () => {
  it('answers admins signed in by session', async () => {
    expect(await request('/api/admin/stats', { cookie: admin.cookie })).toMatchObject({
      status: 200,
      body: { admin: admin.username },
    });
  });

  it('is, to everyone else, exactly a route that does not exist: never 401 or 403', async () => {
    const callers: Record<string, string>[] = [
      {},
      { cookie: person.cookie },
      { authorization: 'Bearer nonsense' },
      { authorization: 'Basic x' },
    ];
    for (const headers of callers) {
      const refused = await request('/api/admin/stats', headers);
      const missing = await request('/api/admin/nothing', headers);
      expect(refused.status).toBe(404);
      expect(refused.body).toEqual(missing.body);
    }
  });

  it('is documented with the session scheme, its 404 and the outage 503 only', () => {
    const document = createOpenApiDocument({ serverUrl: 'http://x', cookieName: 'sid', routes: [adminStats, unlock] });
    const get = document.paths?.['/api/admin/stats']?.get;
    expect(Object.keys(get?.responses ?? {})).toEqual(['200', '404', '503']);
    // Storage or the database not answering: retry after Retry-After seconds.
    expect(get?.responses?.['503']).toMatchObject({ headers: { 'Retry-After': { required: true } } });
    expect(get?.security).toEqual([{ session: [] }]);
    const post = document.paths?.['/api/links/{code}/unlock']?.post;
    // An unsafe method: the browser origin check can refuse it; bad credentials are a 401 as on any route.
    expect(Object.keys(post?.responses ?? {})).toEqual(['200', '401', '403', '429', '503']);
    expect(post?.responses?.['401']).toMatchObject({
      content: {
        'application/json': {
          examples: { passwordRequired: { value: { message: 'Password required', passwordRequired: true } } },
        },
      },
    });
    expect(post?.responses?.['429']).toMatchObject({ headers: { 'Retry-After': { required: true }, 'RateLimit-Remaining': {} } });
  });
});

describe('REST errors from the catalog', () => {
  it('answer { message, ...extra fields } with the error’s headers', async () => {
    const gated = await request('/api/links/abc/unlock', {}, 'POST');
    expect(gated).toMatchObject({ status: 401, body: { message: 'Password required', passwordRequired: true } });
    const slow = await request('/api/links/slow/unlock', {}, 'POST');
    expect(slow.status).toBe(429);
    expect(slow.body).toEqual({ message: 'Slow down' });
    expect(slow.headers.get('retry-after')).toBe('7');
    expect(slow.headers.get('ratelimit-remaining')).toBe('0');
  });
});

describe('response validation in tests', () => {
  it('answers 500 naming the route when a body does not match its declared schema', async () => {
    const res = await request('/api/broken/shape');
    expect(res.status).toBe(500);
    expect(res.body.message).toMatch(/^getWrongShape broke its declaration: Invalid field "admin"/);
  });

  it('answers 500 naming the route when it answers a status it does not declare', async () => {
    const res = await request('/api/broken/status');
    expect(res).toMatchObject({
      status: 500,
      body: { message: 'getWrongStatus broke its declaration: 404 is not a declared answer' },
    });
  });
});
