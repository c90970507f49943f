import { setTimeout as sleep } from 'node:timers/promises';
import { DELETE_RETRY_MAX_MS, runPendingDeletes, sweepStorage, type DatabasePort, type StoragePort } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { failingDatabase, failingStorage, type FaultCounter } from './support/faults';
import { makeImage, readFixture } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { publicBucketConsistency } from './support/share';

const CLAIM_TTL_SECONDS = 0.3;

let h: Harness;
let owner: TestUser;
beforeAll(async () => {
  h = await createHarness({
    isolated: true,
    env: { SHARE_CLAIM_TTL_SECONDS: String(CLAIM_TTL_SECONDS), SHARE_WAIT_SECONDS: '2' },
  });
  owner = await createUser(h.app);
});
afterAll(() => h.close());

type Scenario = {
  name: string;
  /** Puts the item in the state the faulty request starts from; returns its id. */
  prepare: () => Promise<number>;
  request: (id: number) => { method: string; path: string; json?: unknown };
  messages: string[];
};

const community = { tags: ['night', 'urban'], policyAgreed: true };
const upload = async (bytes: Buffer, name: string) => (await uploadFile(h.app, owner, bytes, name)).body.id as number;
const shareCleanly = async (id: number) => {
  expect((await call(h.app, `/api/media/${id}/share`, { json: community, cookie: owner.cookie })).status).toBe(200);
  return id;
};

const scenarios: Scenario[] = [
  {
    name: 'community share of an image (watermark)',
    prepare: async () => upload(await makeImage('jpeg', 200, 150), 'wm.jpg'),
    request: (id) => ({ method: 'POST', path: `/api/media/${id}/share`, json: community }),
    messages: ['Failed to share media'],
  },
  {
    name: 'community share of a video (server-side copy)',
    prepare: () => upload(readFixture('clip.mp4'), 'clip.mp4'),
    request: (id) => ({ method: 'POST', path: `/api/media/${id}/share`, json: community }),
    messages: ['Failed to share media'],
  },
  {
    name: 'unshare from the community (link only)',
    prepare: async () => shareCleanly(await upload(await makeImage('png'), 'un.png')),
    request: (id) => ({ method: 'POST', path: `/api/media/${id}/share`, json: { shareToCommunity: false } }),
    messages: ['Failed to create share link'],
  },
  {
    name: 'delete the share',
    prepare: async () => shareCleanly(await upload(await makeImage('png'), 'del.png')),
    request: (id) => ({ method: 'DELETE', path: `/api/media/${id}/share` }),
    messages: ['Failed to remove share'],
  },
];

/** Runs the request once on an app whose storage or database fails at call `failAt`. */
const runWithFault = async (scenario: Scenario, layer: 'storage' | 'database', failAt: number) => {
  const id = await scenario.prepare();
  const counter: FaultCounter = { calls: 0, failAt, failed: undefined };
  const deps = {
    ...h.deps,
    storage: layer === 'storage' ? failingStorage(h.deps.storage, counter) : (h.deps.storage as StoragePort),
    // Signing the request in and spending its request budget are not sharing steps; everything after may fail.
    db:
      layer === 'database'
        ? failingDatabase(h.deps.db, counter, { spare: ['sessions', 'rateLimits'] })
        : (h.deps.db as DatabasePort),
  };
  const app = createApp(deps, { webDistDir: '/nonexistent' });
  const { method, path, json } = scenario.request(id);
  const res = await call(app, path, { method, cookie: owner.cookie, ...(json === undefined ? {} : { json }) });
  return { res, counter };
};

/** Rows that point at missing objects, objects no row points at, and leftovers of the machinery. */
const damage = async () => {
  const { rowsWithoutObject, objectsWithoutRow } = await publicBucketConsistency(h);
  const vault = await h.objects('user-media');
  const media = await h.sql.select({ filePath: schema.media.filePath }).from(schema.media);
  return {
    rowsWithoutObject,
    objectsWithoutRow,
    mediaWithoutObject: media.map((m) => m.filePath).filter((p) => !vault.includes(p)),
    claims: await h.sql.select().from(schema.shareClaims),
    intents: await h.sql.select().from(schema.storageIntents),
    pendingDeletes: await h.sql.select().from(schema.pendingDeletes),
  };
};
const CLEAN = {
  rowsWithoutObject: [],
  objectsWithoutRow: [],
  mediaWithoutObject: [],
  claims: [],
  intents: [],
  pendingDeletes: [],
};

describe.each(scenarios)('faults during: $name', (scenario) => {
  it.each(['storage', 'database'] as const)(
    'a %s failure at any step, then one sweep, leaves nothing inconsistent',
    async (layer) => {
      const clean = await runWithFault(scenario, layer, Number.POSITIVE_INFINITY);
      expect(clean.res.status).toBe(200);
      const steps = clean.counter.calls;
      expect(steps).toBeGreaterThan(0);

      const failedAt: string[] = [];
      for (let failAt = 1; failAt <= steps; failAt++) {
        const { res, counter } = await runWithFault(scenario, layer, failAt);
        failedAt.push(`${counter.failed} -> ${res.status}`);
        // A failure either stops the request with the documented message or hits a best-effort step.
        if (res.status !== 200) {
          expect(res.status).toBe(500);
          expect(scenario.messages).toContain(res.body.message);
        }
        await sleep(CLAIM_TTL_SECONDS * 1000 + 50);
        await sweepStorage(h.deps, { graceMs: 0 });
        // Unpublished files storage did not delete are the delete worker's, retried within seconds.
        await runPendingDeletes({ ...h.deps, now: () => new Date(Date.now() + DELETE_RETRY_MAX_MS) });
        expect({ step: counter.failed, ...(await damage()) }).toEqual({ step: counter.failed, ...CLEAN });
      }
      expect(failedAt).toHaveLength(steps);
    },
  );
});
