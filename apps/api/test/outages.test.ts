import type { StoragePort } from '@mediashare/core';
import { connect, createDatabase } from '@mediashare/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCuttableProxy } from './support/cuttable-proxy';
import { armable } from './support/faults';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';

const UNAVAILABLE = {
  storage: { message: 'File storage is unavailable; try again in a moment' },
  database: { message: 'The database is unavailable; try again in a moment' },
};

let h: Harness;
let arm: ReturnType<typeof armable>;
let alice: TestUser;
beforeAll(async () => {
  h = await createHarness({ wrapPorts: (storage, database) => (arm = armable(storage, database)) });
  alice = await createUser(h.app);
});
afterAll(() => h.close());

describe('outages outside the documented share endpoints', () => {
  it('answer 503 with Retry-After over REST when storage is down, and change nothing', async () => {
    const { body: item } = await uploadFile(h.app, alice, await makeImage('png'), 'kept.png');
    arm.down('storage');
    try {
      const file = await call(h.app, `/api/user/media/${item.id}/file`, { cookie: alice.cookie });
      expect([file.status, file.headers.get('retry-after'), file.body]).toEqual([503, '5', UNAVAILABLE.storage]);
      const upload = await uploadFile(h.app, alice, await makeImage('png'), 'lost.png');
      expect([upload.status, upload.body]).toEqual([503, UNAVAILABLE.storage]);
    } finally {
      arm.down(null);
    }
    const items = (await call(h.app, '/api/user/media', { cookie: alice.cookie })).body.items as { fileName: string }[];
    expect(items.map((i) => i.fileName)).toEqual(['kept.png']);
  });

  it('answer 503 with Retry-After over tRPC when the database is down', async () => {
    arm.down('database');
    try {
      const res = await h.app.request(`/trpc/tags.list`, { headers: { cookie: alice.cookie } });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const body = (await res.json()) as { error: unknown };
      expect(body.error).toMatchObject({
        message: UNAVAILABLE.database.message,
        data: { code: 'SERVICE_UNAVAILABLE', retryAfter: 5 },
      });
    } finally {
      arm.down(null);
    }
  });

  it('leave the documented endpoints their documented 500s, and give DELETE /api/community/:id a 503', async () => {
    const { body: item } = await uploadFile(h.app, alice, await makeImage('png'), 'share.png');
    const shared = await call(h.app, `/api/media/${item.id}/share`, {
      json: { shareToCommunity: true, tags: ['solo'], policyAgreed: true },
      cookie: alice.cookie,
    });
    expect(shared.status).toBe(200);
    const { body: other } = await uploadFile(h.app, alice, await makeImage('png'), 'other.png');
    arm.down('storage');
    try {
      const share = await call(h.app, `/api/media/${other.id}/share`, {
        json: { shareToCommunity: true, tags: ['solo'], policyAgreed: true },
        cookie: alice.cookie,
      });
      expect([share.status, share.body]).toEqual([500, { message: 'Failed to share media' }]);
    } finally {
      arm.down(null);
    }
    // Past the session check, the removal itself meets the outage.
    arm.failNext('community.findById', 'outage');
    const removal = await call(h.app, `/api/community/${shared.body.communityMediaId}`, {
      method: 'DELETE',
      cookie: alice.cookie,
    });
    expect([removal.status, removal.headers.get('retry-after'), removal.body]).toEqual([503, '5', UNAVAILABLE.database]);
    expect((await call(h.app, `/api/community/${shared.body.communityMediaId}`)).status).toBe(200);
  });
});

describe('GET /readyz', () => {
  it('answers ready when the database and storage answer', async () => {
    const res = await call(h.app, '/readyz');
    expect([res.status, res.body]).toEqual([200, { status: 'ready', database: 'ok', storage: 'ok' }]);
  });

  it('answers 503 naming storage when it does not answer within 2 s', async () => {
    const hung = await createHarness({
      wrapPorts: (storage, database) => ({
        storage: Object.assign(Object.create(storage) as StoragePort, { stat: () => new Promise<never>(() => {}) }),
        database,
      }),
    });
    try {
      const res = await call(hung.app, '/readyz');
      expect([res.status, res.headers.get('retry-after'), res.body]).toEqual([
        503,
        '5',
        { status: 'unavailable', database: 'ok', storage: 'unavailable' },
      ]);
    } finally {
      await hung.close();
    }
  });

  it('answers 503 naming storage when the Supabase server hangs', async ({ skip }) => {
    if (!h.standIn) return skip('the Supabase stand-in runs with TEST_STORAGE=supabase');
    h.standIn.inject({ type: 'hang' }, { times: 10 });
    try {
      const res = await call(h.app, '/readyz');
      expect([res.status, res.body]).toEqual([503, { status: 'unavailable', database: 'ok', storage: 'unavailable' }]);
    } finally {
      h.standIn.clearFaults();
    }
  });
});

describe('a PostgreSQL server that goes away', () => {
  it('gets 503 with Retry-After and /readyz says so, until it is back', async ({ skip }) => {
    if (inject('dbMode') !== 'postgres') return skip('PGlite runs inside the process and cannot go away');
    const target = new URL(inject('databaseUrl'));
    const proxy = await startCuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const database = createDatabase(await connect({ url: proxy.through(inject('databaseUrl')), poolSize: 2 }));
    const far = await createHarness({ database });
    try {
      const user = await createUser(far.app);
      await proxy.cut();
      const me = await call(far.app, '/api/auth/me', { cookie: user.cookie });
      expect([me.status, me.headers.get('retry-after'), me.body]).toEqual([503, '5', UNAVAILABLE.database]);
      const tags = await call(far.app, '/api/tags');
      expect([tags.status, tags.body]).toEqual([503, UNAVAILABLE.database]);
      const ready = await call(far.app, '/readyz');
      expect([ready.status, ready.body]).toEqual([503, { status: 'unavailable', database: 'unavailable', storage: 'ok' }]);
      expect((await call(far.app, '/healthz')).status).toBe(503);
      await proxy.restore();
      expect((await call(far.app, '/api/auth/me', { cookie: user.cookie })).status).toBe(200);
      expect((await call(far.app, '/readyz')).status).toBe(200);
    } finally {
      await far.close();
      await database.close().catch(() => {});
      await proxy.close();
    }
  });
});
