import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSweep } from '../src/metrics/instrument';
import { createMetrics } from '../src/metrics/metrics';
import { armable } from './support/faults';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';

const TOKEN = 'metrics-token-0123456789abcdef';
const operator = { authorization: `Bearer ${TOKEN}` };

let h: Harness;
let arm: ReturnType<typeof armable>;
let alice: TestUser;
beforeAll(async () => {
  h = await createHarness({
    env: { METRICS_TOKEN: TOKEN },
    wrapPorts: (storage, database) => (arm = armable(storage, database)),
  });
  alice = await createUser(h.app);
});
afterAll(() => h.close());

const scrape = async () => {
  const res = await call(h.app, '/metrics', { headers: operator });
  expect(res.status).toBe(200);
  return res.raw.text();
};
/** The value of one series, 0 when it has not been written yet. */
const valueOf = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe('GET /metrics', () => {
  it('answers only the operator’s bearer token, and as if it did not exist to anyone else', async () => {
    const res = await call(h.app, '/metrics', { headers: operator });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const headers of [
      {} as Record<string, string>,
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: TOKEN },
      { authorization: 'Bearer ' },
    ]) {
      const refused = await call(h.app, '/metrics', { headers });
      expect(refused).toMatchObject({ status: 404, body: { message: 'Not found' } });
    }
  });

  it('does not exist without METRICS_TOKEN', async () => {
    const plain = await createHarness({ database: h.deps.db, watermark: h.deps.watermark });
    try {
      expect((await call(plain.app, '/metrics', { headers: operator })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('counts and times requests by route pattern and tRPC procedure, never by id or name', async () => {
    const { body: item } = await uploadFile(h.app, alice, await makeImage('png'), 'alice-private-name.png');
    await call(h.app, `/api/user/media/${item.id}`, { cookie: alice.cookie });
    await call(h.app, '/api/user/media/987654', { cookie: alice.cookie });
    await call(h.app, `/trpc/media.get?input=${encodeURIComponent(JSON.stringify({ id: item.id }))}`, { cookie: alice.cookie });
    await call(h.app, '/trpc/made.up.procedure?input=%7B%7D');
    await call(h.app, `/api/no/such/${alice.username}`);
    const text = await scrape();
    expect(valueOf(text, 'mediashare_http_requests_total{method="GET",route="/api/user/media/:id",status="200"}')).toBe(1);
    expect(valueOf(text, 'mediashare_http_requests_total{method="GET",route="/api/user/media/:id",status="404"}')).toBe(1);
    expect(valueOf(text, 'mediashare_http_requests_total{method="GET",route="media.get",status="200"}')).toBe(1);
    expect(valueOf(text, 'mediashare_http_requests_total{method="GET",route="/trpc/*",status="404"}')).toBe(1);
    expect(valueOf(text, 'mediashare_http_requests_total{method="POST",route="/api/user/media",status="201"}')).toBe(1);
    expect(
      valueOf(text, 'mediashare_http_request_duration_seconds_count{method="GET",route="/api/user/media/:id",status="200"}'),
    ).toBe(1);
    const routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]!));
    expect([...routes].filter((route) => /\/\d+(\/|$)/.test(route))).toEqual([]);
    for (const secret of ['987654', alice.username, alice.email, 'alice-private-name', 'made.up']) {
      expect(text).not.toContain(secret);
    }
  });

  it('counts shares by outcome, times the watermark, and counts storage failures', async () => {
    const { body: photo } = await uploadFile(h.app, alice, await makeImage('jpeg', 120, 90));
    const stranger = await createUser(h.app);
    const community = { tags: ['night'], policyAgreed: true };
    expect((await call(h.app, `/api/media/${photo.id}/share`, { json: community, cookie: alice.cookie })).status).toBe(200);
    expect((await call(h.app, `/api/media/${photo.id}/share`, { json: community, cookie: stranger.cookie })).status).toBe(404);
    const { body: other } = await uploadFile(h.app, alice, await makeImage('jpeg', 120, 90));
    arm.failNext('storage.put');
    expect((await call(h.app, `/api/media/${other.id}/share`, { json: community, cookie: alice.cookie })).status).toBe(500);
    const text = await scrape();
    const shares = (outcome: string) =>
      valueOf(text, `mediashare_shares_total{operation="/api/media/:id/share",outcome="${outcome}"}`);
    expect([shares('ok'), shares('refused'), shares('failed')]).toEqual([1, 1, 1]);
    expect(valueOf(text, 'mediashare_imaging_duration_seconds_count{operation="watermark",outcome="ok"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(valueOf(text, 'mediashare_storage_errors_total{operation="put"}')).toBe(1);
  });

  it('reports event-loop delay and the process', async () => {
    const text = await scrape();
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  });
});

describe('sweep metrics', () => {
  it('count runs, skipped runs and what each did', async () => {
    const metrics = createMetrics();
    recordSweep(metrics, { deleted: 2, incomplete: 0, kept: 1, failed: 1 });
    recordSweep(metrics, undefined);
    const text = await metrics.registry.metrics();
    expect(valueOf(text, 'mediashare_sweep_runs_total{outcome="ran"}')).toBe(1);
    expect(valueOf(text, 'mediashare_sweep_runs_total{outcome="skipped"}')).toBe(1);
    expect(valueOf(text, 'mediashare_sweep_objects_total{result="deleted"}')).toBe(2);
    expect(valueOf(text, 'mediashare_sweep_objects_total{result="failed"}')).toBe(1);
    expect(text).not.toContain('result="incomplete"');
  });
});
