import { BUCKETS, isDerivedKey, runPendingDeletes, runSweep } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armable } from './support/faults';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';

let clock = Date.now();
let h: Harness;
let arm: ReturnType<typeof armable>;
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(clock), wrapPorts: (storage, database) => (arm = armable(storage, database)) });
});
afterAll(() => h.close());

/** A user with two items, one of them published with tags, a token and a second session. */
const populated = async () => {
  const user = await createUser(h.app);
  const { body: published } = await uploadFile(h.app, user, await makeImage('jpeg'), 'published.jpg');
  const { body: kept } = await uploadFile(h.app, user, await makeImage('png'), 'kept.png');
  const shared = await call(h.app, `/api/media/${published.id}/share`, {
    json: { shareToCommunity: true, tags: ['night'], policyAgreed: true },
    cookie: user.cookie,
  });
  expect(shared.status).toBe(200);
  const token = (await call(h.app, '/api/user/tokens', { json: { name: 'script', scopes: ['read'] }, cookie: user.cookie })).body
    .token as string;
  const other = await call(h.app, '/api/auth/login', { json: { email: user.email, password: user.password } });
  const [copy] = await h.sql.select().from(schema.communityMedia).where(eq(schema.communityMedia.userId, user.id));
  return {
    user,
    itemIds: [published.id, kept.id],
    token,
    otherCookie: other.setCookie!,
    copyPath: copy!.filePath,
    shared: shared.body,
  };
};

const originalsOf = async (user: TestUser) =>
  (await h.objects(BUCKETS.userMedia)).filter((k) => k.startsWith(`${user.id}/`) && !isDerivedKey(k));
const remove = (user: TestUser, json: unknown = { password: user.password }, headers: Record<string, string> = {}) =>
  call(h.app, '/api/auth/me', { method: 'DELETE', json, cookie: user.cookie, headers });
const rowsLeft = async (user: TestUser, itemIds: number[]) => ({
  users: await h.sql.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.id, user.id)),
  media: await h.sql.select({ id: schema.media.id }).from(schema.media).where(inArray(schema.media.id, itemIds)),
  community: await h.sql
    .select({ id: schema.communityMedia.id })
    .from(schema.communityMedia)
    .where(eq(schema.communityMedia.userId, user.id)),
  sessions: await h.sql.select({ id: schema.sessions.id }).from(schema.sessions).where(eq(schema.sessions.userId, user.id)),
  tokens: await h.sql.select({ id: schema.apiTokens.id }).from(schema.apiTokens).where(eq(schema.apiTokens.userId, user.id)),
});
const NOTHING = { users: [], media: [], community: [], sessions: [], tokens: [] };

describe('DELETE /api/auth/me', () => {
  it('removes the community copies, the vault, every session and token, and frees the names', async () => {
    const { user, itemIds, token, otherCookie, copyPath, shared } = await populated();
    expect(await originalsOf(user)).toHaveLength(2);

    const res = await remove(user);
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);

    expect(await rowsLeft(user, itemIds)).toEqual(NOTHING);
    expect(await originalsOf(user)).toEqual([]);
    expect(await h.objects(BUCKETS.general)).not.toContain(copyPath);
    expect((await h.fetchPublic(shared.communityUrl)).status).toBe(404);
    expect((await call(h.app, '/api/auth/me', { cookie: otherCookie })).status).toBe(401);
    expect((await call(h.app, '/api/user/media', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await call(h.app, `/api/shared/media/${shared.shareCode}`)).status).toBe(404);
    // The activity stays, without who did it.
    const activity = await h.sql.select().from(schema.activityLog).where(eq(schema.activityLog.action, 'media_shared'));
    const mine = activity.filter((a) => (a.details as { shareCode?: string }).shareCode === shared.shareCode);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.userId).toBeNull();
    // Signing in with the old names fails; registering them again works.
    expect((await call(h.app, '/api/auth/login', { json: { email: user.email, password: user.password } })).status).toBe(401);
    const again = await call(h.app, '/api/auth/register', {
      json: { email: user.email, username: user.username, password: 'another long password' },
    });
    expect(again.status).toBe(201);
  });

  it('refuses a wrong or missing password, another site and an API token, changing nothing', async () => {
    const { user, itemIds, token } = await populated();
    const wrong = await remove(user, { password: 'not the password' });
    expect(wrong).toMatchObject({ status: 400, body: { message: 'Password is incorrect' } });
    const missing = await remove(user, {});
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('"password"');
    expect((await remove(user, undefined, { origin: 'https://evil.example' })).status).toBe(403);
    const viaToken = await call(h.app, '/api/auth/me', {
      method: 'DELETE',
      json: { password: user.password },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.status).toBe(403);
    expect((await call(h.app, '/api/auth/me', { method: 'DELETE', json: { password: user.password } })).status).toBe(401);
    const left = await rowsLeft(user, itemIds);
    expect(left.users).toHaveLength(1);
    expect(left.media).toHaveLength(2);
    expect(left.community).toHaveLength(1);
    expect(await originalsOf(user)).toHaveLength(2);
  });

  it('with storage down midway: the rows go, the objects wait as pending deletes, and the worker removes them', async () => {
    const { user, itemIds, copyPath } = await populated();
    arm.down('storage');
    try {
      expect((await remove(user)).status).toBe(204);
    } finally {
      arm.down(null);
    }
    expect(await rowsLeft(user, itemIds)).toEqual(NOTHING);
    // Public copy first: queued, as are the originals, all still in storage.
    const pending = await h.sql
      .select({ bucket: schema.pendingDeletes.bucket, path: schema.pendingDeletes.path })
      .from(schema.pendingDeletes)
      .where(inArray(schema.pendingDeletes.path, [copyPath, ...(await originalsOf(user))]));
    expect(pending).toHaveLength(3);
    expect(await h.objects(BUCKETS.general)).toContain(copyPath);

    clock += 60_000;
    await runPendingDeletes(h.deps);
    expect(await originalsOf(user)).toEqual([]);
    expect(await h.objects(BUCKETS.general)).not.toContain(copyPath);
  });

  it('when the database fails midway: the account is unusable at once, and the sweep finishes the deletion', async () => {
    const { user, itemIds, otherCookie, copyPath } = await populated();
    arm.failNext('media.deleteOwned', 'outage');
    expect((await remove(user)).status).toBe(204);
    // Stopped after the copy: the items are still there, but nobody can use the account.
    const midway = await rowsLeft(user, itemIds);
    expect(midway).toMatchObject({ community: [], sessions: [], tokens: [] });
    expect(midway.users).toHaveLength(1);
    expect(midway.media.length).toBeGreaterThan(0);
    expect((await call(h.app, '/api/auth/me', { cookie: otherCookie })).status).toBe(401);
    expect(await h.objects(BUCKETS.general)).not.toContain(copyPath);
    const [row] = await h.sql
      .select()
      .from(schema.users)
      .where(and(eq(schema.users.id, user.id)));
    expect(row?.deletingAt).toBeInstanceOf(Date);
    expect(row?.username).not.toBe(user.username);

    const swept = await runSweep(h.deps, { graceMs: 6 * 3_600_000 });
    expect(swept.accounts).toBeGreaterThanOrEqual(1);
    expect(await rowsLeft(user, itemIds)).toEqual(NOTHING);
    expect(await originalsOf(user)).toEqual([]);
  });
});
