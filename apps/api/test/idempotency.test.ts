import { isDerivedKey, runSweep } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, fileForm, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { startTwoProcesses, type TwoProcesses } from './support/two-processes';
import { outcome, trpcFor } from './support/trpc-client';

const HOUR = 3_600_000;
let clock = Date.now();
let h: Harness;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  h = await createHarness({ now: () => new Date(clock) });
  alice = await createUser(h.app);
  bob = await createUser(h.app);
});
afterAll(() => h.close());

let keys = 0;
const newKey = () => `key-${process.pid}-${Date.now()}-${++keys}`;
const upload = (user: TestUser, bytes: Uint8Array, key?: string, fileName = 'retry.png') =>
  call(h.app, '/api/user/media', {
    body: fileForm(bytes, fileName),
    cookie: user.cookie,
    headers: key ? { 'idempotency-key': key } : {},
  });
const itemsOf = async (user: TestUser) =>
  (await h.sql.select({ id: schema.media.id }).from(schema.media).where(eq(schema.media.userId, user.id))).map((r) => r.id);
/** The user's originals (renditions are made beside them in the background). */
const objectsOf = async (user: TestUser) =>
  (await h.objects('user-media')).filter((k) => k.startsWith(`${user.id}/`) && !isDerivedKey(k));
const keyRows = (user: TestUser) => h.sql.select().from(schema.idempotencyKeys).where(eq(schema.idempotencyKeys.userId, user.id));

describe('Idempotency-Key on uploads', () => {
  it('replays the stored answer to a retry, storing no second item and no second object', async () => {
    const png = await makeImage('png');
    const key = newKey();
    const first = await upload(alice, png, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const items = await itemsOf(alice);
    const objects = await objectsOf(alice);

    const retry = await upload(alice, png, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await itemsOf(alice)).toEqual(items);
    expect(await objectsOf(alice)).toEqual(objects);
  });

  it('refuses the same key with other bytes or another file name with a 422, creating nothing', async () => {
    const key = newKey();
    expect((await upload(alice, await makeImage('png'), key)).status).toBe(201);
    const items = await itemsOf(alice);
    const objects = await objectsOf(alice);
    for (const retry of [
      await upload(alice, await makeImage('png', 65, 48), key),
      await upload(alice, await makeImage('png'), key, 'other.png'),
    ]) {
      expect(retry.status).toBe(422);
      expect(retry.body).toEqual({
        message: 'This Idempotency-Key was used for a different request; send a new key with a new request',
      });
    }
    expect(await itemsOf(alice)).toEqual(items);
    expect(await objectsOf(alice)).toEqual(objects);
  });

  it('keeps keys per user: the same key from another user is that user’s own request', async () => {
    const key = newKey();
    const png = await makeImage('png');
    const mine = await upload(alice, png, key);
    const theirs = await upload(bob, png, key);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await itemsOf(bob)).toContain(theirs.body.id);
  });

  it('refuses a malformed key with a 400 before doing anything', async () => {
    const items = await itemsOf(alice);
    for (const key of ['', 'x'.repeat(256), 'with space', 'ünïcode']) {
      const res = await call(h.app, '/api/user/media', {
        body: fileForm(await makeImage('png'), 'bad.png'),
        cookie: alice.cookie,
        // Headers cannot carry non-ASCII through fetch: sent as its Latin-1 bytes.
        headers: { 'idempotency-key': key === 'ünïcode' ? Buffer.from(key).toString('latin1') : key },
      });
      expect(res.status, JSON.stringify(key)).toBe(400);
      expect(res.body).toEqual({ message: 'Invalid header "Idempotency-Key": must be 1 to 255 visible ASCII characters' });
    }
    expect(await itemsOf(alice)).toEqual(items);
  });

  it('frees the key when the first attempt fails, so the retry runs', async () => {
    const key = newKey();
    const refused = await upload(alice, new TextEncoder().encode('not an image at all'), key, 'notes.txt');
    expect(refused.status).toBe(415);
    expect(await keyRows(alice).then((rows) => rows.filter((r) => r.responseStatus === null))).toEqual([]);
    const retry = await upload(alice, await makeImage('png'), key, 'notes.txt');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });

  it('keeps an answer 24 hours: later the key runs afresh, and the sweep removes expired keys', async () => {
    const key = newKey();
    const png = await makeImage('png');
    const first = await upload(alice, png, key);
    clock += 23 * HOUR;
    expect((await upload(alice, png, key)).body.id).toBe(first.body.id);
    clock += 2 * HOUR;
    const later = await upload(alice, png, key);
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);

    const other = newKey();
    expect((await upload(alice, png, other)).status).toBe(201);
    expect((await keyRows(alice)).length).toBeGreaterThan(0);
    clock += 25 * HOUR;
    const { expired } = await runSweep(h.deps, { graceMs: 6 * HOUR });
    expect(expired.idempotencyKeys).toBeGreaterThanOrEqual(1);
    expect(await keyRows(alice)).toEqual([]);
  });
});

describe('Idempotency-Key on shares and token creation', () => {
  it('replays a share, and refuses the same key with another body', async () => {
    const { body: item } = await upload(alice, await makeImage('jpeg'));
    const key = newKey();
    const share = (json: unknown) =>
      call(h.app, `/api/media/${item.id}/share`, { json, cookie: alice.cookie, headers: { 'idempotency-key': key } });
    const first = await share({ shareToCommunity: false });
    expect(first.status).toBe(200);
    const again = await share({ shareToCommunity: false });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await share({ shareToCommunity: true, tags: ['night'], policyAgreed: true });
    expect(other.status).toBe(422);
    const [community] = await h.sql.select().from(schema.communityMedia).where(eq(schema.communityMedia.mediaId, item.id));
    expect(community).toBeUndefined();
  });

  it('replays a created token without keeping its secret readable in the database', async () => {
    const key = newKey();
    const mint = () =>
      call(h.app, '/api/user/tokens', {
        json: { name: 'retried script', scopes: ['read'] },
        cookie: alice.cookie,
        headers: { 'idempotency-key': key },
      });
    const first = await mint();
    expect(first.status).toBe(201);
    const again = await mint();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const tokens = await h.sql
      .select()
      .from(schema.apiTokens)
      .where(and(eq(schema.apiTokens.userId, alice.id), eq(schema.apiTokens.name, 'retried script')));
    expect(tokens).toHaveLength(1);
    expect(JSON.stringify(await keyRows(alice))).not.toContain(first.body.token);
    expect(JSON.stringify(await keyRows(alice))).not.toContain(key);
  });

  it('is the same over tRPC, through the input field idempotencyKey', async () => {
    const { body: item } = await upload(alice, await makeImage('jpeg'));
    const trpc = trpcFor(h.app, alice.cookie);
    const idempotencyKey = newKey();
    const first = await trpc.share.create.mutate({ id: item.id, shareToCommunity: false, idempotencyKey });
    expect(await trpc.share.create.mutate({ id: item.id, shareToCommunity: false, idempotencyKey })).toEqual(first);
    expect(
      await outcome(trpc.share.create.mutate({ id: item.id, tags: ['night'], policyAgreed: true, idempotencyKey })),
    ).toMatchObject({
      status: 422,
      body: { message: 'This Idempotency-Key was used for a different request; send a new key with a new request' },
    });
    const token = { name: 'trpc retried', scopes: ['share' as const], idempotencyKey: newKey() };
    expect(await trpc.tokens.create.mutate(token)).toEqual(await trpc.tokens.create.mutate(token));
  });
});

/**
 * Two API processes on one database and one storage folder: real processes on PostgreSQL, two apps on
 * one PGlite. A retry that reaches the other process while the first upload still streams waits for it.
 */
describe('a concurrent duplicate in another process', () => {
  let observer: Harness;
  let send: TwoProcesses['send'];
  let processes: TwoProcesses;
  beforeAll(async () => {
    processes = await startTwoProcesses();
    ({ observer, send } = processes);
  }, 120_000);
  afterAll(() => processes.close());

  it('waits for the first request and answers with its item', async () => {
    const user = await createUser(observer.app);
    const png = await makeImage('png', 320, 240);
    const boundary = 'idempotency-test-boundary';
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
    const headers = {
      cookie: user.cookie,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'idempotency-key': 'same-retry',
    };

    // The first upload sends its head and part of the file, then holds the rest back.
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const slowBody = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(head);
        controller.enqueue(png.subarray(0, 100));
        await held;
        controller.enqueue(png.subarray(100));
        controller.enqueue(tail);
        controller.close();
      },
    });
    const first = send(0, '/api/user/media', { method: 'POST', headers, body: slowBody, duplex: 'half' } as RequestInit);
    // The first process has taken the key once its row exists.
    const taken = () => observer.sql.select().from(schema.idempotencyKeys).where(eq(schema.idempotencyKeys.userId, user.id));
    while ((await taken()).length === 0) await new Promise((r) => setTimeout(r, 20));

    const whole = new Uint8Array([...head, ...png, ...tail]);
    const duplicate = send(1, '/api/user/media', { method: 'POST', headers, body: whole });
    let duplicateDone = false;
    void duplicate.then(() => (duplicateDone = true));
    // The duplicate has read its body and is waiting: the key is still held without an answer.
    await new Promise((r) => setTimeout(r, 300));
    expect(duplicateDone).toBe(false);
    finish();

    const [a, b] = await Promise.all([first, duplicate]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const bodyA = (await a.json()) as { id: number };
    expect(await b.json()).toEqual(bodyA);
    const rows = await observer.sql.select({ id: schema.media.id }).from(schema.media).where(eq(schema.media.userId, user.id));
    expect(rows).toEqual([{ id: bodyA.id }]);
    const originals = (await observer.objects('user-media')).filter((k) => k.startsWith(`${user.id}/`) && !isDerivedKey(k));
    expect(originals).toHaveLength(1);
  }, 120_000);
});
