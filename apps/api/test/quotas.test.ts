import { drainRenditionJobs, sweepExpired } from '@mediashare/core';
import { openDatabase, schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAdmin } from './support/admins';
import { createUser, fileForm, type TestUser } from './support/factories';
import { makeImage, readFixture } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { outcome, trpcFor } from './support/trpc-client';

const KiB = 1024;
const DEFAULT_QUOTA = 3 * 1024 * KiB;

let h: Harness;
let other: Harness;
let admin: TestUser;
beforeAll(async () => {
  // A database of its own: rendition jobs are drained here, and no other file's uploads may be among them.
  h = await createHarness({ isolated: true, env: { DEFAULT_QUOTA_BYTES: String(DEFAULT_QUOTA) } });
  // A second API process on the same database, with connections (and a pool) of its own.
  const url = (h.deps.db as { url?: string }).url;
  const second = inject('dbMode') === 'postgres' && url ? await openDatabase({ url, poolSize: 4 }) : h.deps.db;
  other = await createHarness({
    database: second,
    imaging: h.deps.imaging,
    storage: h.deps.storage,
    env: { DEFAULT_QUOTA_BYTES: String(DEFAULT_QUOTA) },
  });
  admin = await createAdmin(h);
});
afterAll(async () => {
  if (other && other.deps.db !== h?.deps.db) await other.deps.db.close();
  await other?.close();
  await h?.close();
});

/** A real MP4 (its type is sniffed) padded with zeros to `size` bytes. */
const video = (size: number) => {
  const clip = readFixture('clip.mp4');
  return Buffer.concat([clip, Buffer.alloc(Math.max(0, size - clip.length))]);
};

/** The multipart body as bytes, sent with its Content-Length. */
const withLength = async (bytes: Uint8Array) => {
  const encoded = new Response(fileForm(bytes, 'clip.mp4', 'video/mp4'));
  const body = new Uint8Array(await encoded.arrayBuffer());
  const headers = { 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.length) };
  return { body, headers };
};

/** The same body streamed in chunks, with no Content-Length: the server learns the size only by reading. */
const streamed = async (bytes: Uint8Array) => {
  const { body, headers } = await withLength(bytes);
  const chunks = Array.from({ length: Math.ceil(body.length / (64 * KiB)) }, (_, i) =>
    body.subarray(i * 64 * KiB, (i + 1) * 64 * KiB),
  );
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
  return { body: stream, headers: { 'content-type': headers['content-type'] } };
};

const upload = async (app: Harness['app'], user: TestUser, bytes: Uint8Array, mode: 'length' | 'stream') => {
  const { body, headers } = mode === 'length' ? await withLength(bytes) : await streamed(bytes);
  return call(app, '/api/user/media', { method: 'POST', body, headers, cookie: user.cookie });
};

const setQuota = (user: TestUser, quotaBytes: number | null) =>
  call(h.app, `/api/admin/users/${user.id}`, { method: 'PATCH', json: { quotaBytes }, cookie: admin.cookie });

const me = async (user: TestUser) =>
  (await call<{ usage: number; quota: number | null }>(h.app, '/api/auth/me', { cookie: user.cookie })).body;

/** What the account has in storage and in rows: objects under its prefix, media rows, reservations. */
const holdings = async (user: TestUser) => ({
  objects: (await h.objects('user-media')).filter((key) => key.startsWith(`${user.id}/`)),
  rows: await h.sql.select({ size: schema.media.size }).from(schema.media).where(eq(schema.media.userId, user.id)),
  reservations: await h.sql.select().from(schema.storageReservations).where(eq(schema.storageReservations.userId, user.id)),
});

const objectBytes = async (keys: string[]) => {
  let total = 0;
  for (const key of keys) total += (await h.deps.storage.stat('user-media', key))!.size;
  return total;
};

describe('storage quotas', () => {
  it('GET /api/auth/me shows usage and the quota in force: DEFAULT_QUOTA_BYTES, an admin’s override, and back', async () => {
    const user = await createUser(h.app);
    expect(await me(user)).toMatchObject({ id: user.id, usage: 0, quota: DEFAULT_QUOTA, twoFactor: false });
    expect((await setQuota(user, 10 * KiB)).body).toMatchObject({ id: user.id, usage: 0, quota: 10 * KiB, quotaBytes: 10 * KiB });
    expect((await me(user)).quota).toBe(10 * KiB);
    expect(await trpcFor(h.app, user.cookie).auth.status.query()).toEqual({ usage: 0, quota: 10 * KiB, twoFactor: false });
    expect((await setQuota(user, null)).body).toMatchObject({ quota: DEFAULT_QUOTA, quotaBytes: null });
    expect((await me(user)).quota).toBe(DEFAULT_QUOTA);
  });

  it.each(['length', 'stream'] as const)(
    'refuses an upload that would pass the quota with 413, leaving nothing behind (%s)',
    async (mode) => {
      const user = await createUser(h.app);
      await setQuota(user, 100 * KiB);
      const first = await upload(h.app, user, video(60 * KiB), mode);
      expect(first.status).toBe(201);
      const before = await holdings(user);

      const refused = await upload(h.app, user, video(300 * KiB), mode);
      expect(refused.status).toBe(413);
      expect(refused.body).toEqual({
        message: 'Storage quota exceeded: 60.0 KiB of 100.0 KiB used',
        usage: 60 * KiB,
        quota: 100 * KiB,
      });
      // No object, row or reservation of the refused upload: the account is exactly as before.
      expect(await holdings(user)).toEqual(before);
      expect((await me(user)).usage).toBe(60 * KiB);
      // What still fits is accepted, to the byte.
      expect((await upload(h.app, user, video(40 * KiB), mode)).status).toBe(201);
      expect((await me(user)).usage).toBe(100 * KiB);
      expect((await upload(h.app, user, video(8 * KiB), mode)).status).toBe(413);
    },
  );

  it('refuses from Content-Length before reading the body when even the file cannot fit', async () => {
    const user = await createUser(h.app);
    await setQuota(user, 100 * KiB);
    const whole = await withLength(video(2048 * KiB));
    const headers = whole.headers;
    let pulled = 0;
    // 2 MiB in 16 KiB chunks, offered only as the server reads them.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = whole.body.subarray(pulled * 16 * KiB, (pulled + 1) * 16 * KiB);
        pulled += 1;
        if (chunk.length === 0) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await call(h.app, '/api/user/media', { method: 'POST', body, headers, cookie: user.cookie });
    expect(res).toMatchObject({ status: 413, body: { message: 'Storage quota exceeded: 0 bytes of 100.0 KiB used' } });
    expect(pulled).toBeLessThan(16);
    expect(await holdings(user)).toEqual({ objects: [], rows: [], reservations: [] });
  });

  it('counts renditions with the originals, and what a deletion frees', async () => {
    const user = await createUser(h.app);
    const image = await makeImage('png', 640, 480);
    const res = await call<{ id: number }>(h.app, '/api/user/media', {
      method: 'POST',
      body: fileForm(image, 'a.png', 'image/png'),
      cookie: user.cookie,
    });
    expect(res.status).toBe(201);
    expect((await me(user)).usage).toBe(image.length);
    expect(await drainRenditionJobs(h.deps)).toContain('made');
    const { objects } = await holdings(user);
    expect(objects.length).toBeGreaterThan(1);
    // Usage is every byte the account has in storage: the original, its thumbnail and its preview.
    expect((await me(user)).usage).toBe(await objectBytes(objects));
    expect((await call(h.app, `/api/user/media/${res.body.id}`, { method: 'DELETE', cookie: user.cookie })).status).toBe(204);
    expect((await me(user)).usage).toBe(0);
  });

  it('holds across processes: concurrent uploads never pass the quota, and usage is exact afterwards', async () => {
    const user = await createUser(h.app);
    const size = 20 * KiB;
    // Room for five files with their multipart framing held as well.
    await setQuota(user, 5 * size + 5 * 2 * KiB);
    const lengths = await Promise.all(
      Array.from({ length: 8 }, (_, i) => upload(i % 2 ? other.app : h.app, user, video(size), 'length')),
    );
    const statuses = lengths.map((r) => r.status).sort();
    // Declared lengths are held whole: exactly five fit, whichever process and order.
    expect(statuses).toEqual([201, 201, 201, 201, 201, 413, 413, 413]);
    expect((await me(user)).usage).toBe(5 * size);

    // Streams hold as they arrive; of racing streams fewer may fit than the room, never more.
    await setQuota(user, 10 * size + 5 * 2 * KiB);
    const streams = await Promise.all(
      Array.from({ length: 8 }, (_, i) => upload(i % 2 ? other.app : h.app, user, video(size), 'stream')),
    );
    const accepted = streams.filter((r) => r.status === 201).length;
    for (const r of streams.filter((s) => s.status !== 201)) expect(r.body.message).toMatch(/^Storage quota exceeded: /);
    expect(accepted).toBeGreaterThanOrEqual(1);
    expect(accepted).toBeLessThanOrEqual(5);
    const after = await holdings(user);
    expect(after.rows).toHaveLength(5 + accepted);
    expect(after.objects).toHaveLength(5 + accepted);
    expect(after.reservations).toEqual([]);
    expect((await me(user)).usage).toBe((5 + accepted) * size);
    expect(await objectBytes(after.objects)).toBe((5 + accepted) * size);
  });
});

describe('reservations a dead process left behind', () => {
  it('hold the quota until they expire, count for nothing after, and are swept', async () => {
    const user = await createUser(h.app);
    await setQuota(user, 100 * KiB);
    const reserve = (expiresAt: Date) =>
      h.deps.db.storageUsage.reserve({ userId: user.id, id: null, bytes: 80 * KiB, quota: null, now: new Date(), expiresAt });
    const live = await reserve(new Date(Date.now() + 60_000));
    await reserve(new Date(Date.now() - 1000));
    expect((await me(user)).usage).toBe(80 * KiB);
    expect((await upload(h.app, user, video(30 * KiB), 'length')).status).toBe(413);
    expect((await sweepExpired(h.deps)).storageReservations).toBe(1);
    if (live.ok) await h.deps.db.storageUsage.release(live.id);
    expect((await me(user)).usage).toBe(0);
    expect((await upload(h.app, user, video(30 * KiB), 'length')).status).toBe(201);
  });
});

describe('/api/admin/users', () => {
  it('lists accounts with usage and quota for admins, and nobody else', async () => {
    const user = await createUser(h.app);
    await upload(h.app, user, video(10 * KiB), 'length');
    const listed = await call<{ users: { id: number; usage: number; quota: number | null }[] }>(h.app, '/api/admin/users', {
      cookie: admin.cookie,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.users.find((u) => u.id === user.id)).toMatchObject({
      usage: 10 * KiB,
      quota: DEFAULT_QUOTA,
      quotaBytes: null,
      twoFactor: false,
    });
    expect((await trpcFor(h.app, admin.cookie).users.list.query()).users.some((u) => u.id === user.id)).toBe(true);
    for (const cookie of [user.cookie, undefined]) {
      expect((await call(h.app, '/api/admin/users', { cookie })).status).toBe(404);
      expect(
        (await call(h.app, `/api/admin/users/${user.id}`, { method: 'PATCH', json: { quotaBytes: 1 }, cookie })).status,
      ).toBe(404);
      expect((await outcome(trpcFor(h.app, cookie).users.list.query())).status).toBe(404);
    }
  });

  it('refuses bad input with 400, an unknown account with 404, and changes nothing', async () => {
    const user = await createUser(h.app);
    for (const body of [{ quotaBytes: -1 }, { quotaBytes: 1.5 }, { quotaBytes: '1GB' }, {}]) {
      const res = await call(h.app, `/api/admin/users/${user.id}`, { method: 'PATCH', json: body, cookie: admin.cookie });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^Invalid field "quotaBytes": /);
    }
    expect(
      (await call(h.app, `/api/admin/users/${user.id}`, { method: 'PATCH', json: { quotaBytes: -1 }, cookie: admin.cookie }))
        .body,
    ).toEqual({ message: 'Invalid field "quotaBytes": must be a whole number of bytes, 0 or more' });
    expect((await me(user)).quota).toBe(DEFAULT_QUOTA);
    expect(
      await call(h.app, '/api/admin/users/abc', { method: 'PATCH', json: { quotaBytes: 1 }, cookie: admin.cookie }),
    ).toMatchObject({
      status: 400,
      body: { message: 'Invalid user ID' },
    });
    expect(
      await call(h.app, '/api/admin/users/2147483000', { method: 'PATCH', json: { quotaBytes: 1 }, cookie: admin.cookie }),
    ).toMatchObject({
      status: 404,
      body: { message: 'User not found' },
    });
  });
});
