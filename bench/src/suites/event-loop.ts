import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '@mediashare/api/app';
import { bootstrap } from '@mediashare/api/bootstrap';
import { parseEnv } from '@mediashare/api/env';
import { createLogger } from '@mediashare/api/logger';
import { freshDatabase } from '@mediashare/testing';
import { COMMUNITY } from '../api';
import { photo } from '../fixtures';
import { row, type Row } from '../report';
import type { Settings } from '../settings';

/**
 * 3. The API process's event-loop delay while four community shares of a large JPEG run. The API runs
 * in this process (requests through app.request), so the delay is measured on its own loop.
 */
export const eventLoopSuite = async (settings: Settings): Promise<Row[]> => {
  const database = await freshDatabase('mediashare_bench');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mediashare-eld-'));
  const env = parseEnv({ DATA_DIR: dataDir, DATABASE_URL: database.env.DATABASE_URL, LOG_LEVEL: 'silent', SCRYPT_COST: '1024' });
  const deps = await bootstrap(env, createLogger('silent'));
  try {
    const app = createApp(deps);
    const name = `eld${Date.now().toString(36)}`;
    const registered = await app.request('/api/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${name}@example.test`, username: name, password: 'benchmark password' }),
    });
    const cookie = registered.headers.get('set-cookie')?.split(';')[0] ?? '';
    const input = await photo('jpeg', settings.photo.width, settings.photo.height);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const form = new FormData();
      form.append('file', new Blob([input as Uint8Array<ArrayBuffer>]), `eld-${i}.jpg`);
      const res = await app.request('/api/user/media', { method: 'POST', headers: { cookie }, body: form });
      ids.push(((await res.json()) as { id: number }).id);
    }
    const shareOne = async (id: number) => {
      const res = await app.request(`/api/media/${id}/share`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(COMMUNITY),
      });
      if (res.status !== 200) throw new Error(`share failed: ${res.status}`);
    };
    await shareOne(ids[0] ?? 0);

    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const started = performance.now();
    await Promise.all(ids.slice(1).map(shareOne));
    const seconds = (performance.now() - started) / 1000;
    histogram.disable();
    const max = histogram.max / 1e6;
    return [
      row({
        id: '3',
        name: 'Event-loop delay, four community shares',
        ratioOf: 'max delay of the API event loop (ms)',
        value: max,
        target: { op: '<=', bound: 50 },
        figures: {
          p50Ms: histogram.percentile(50) / 1e6,
          p99Ms: histogram.percentile(99) / 1e6,
          sharesSeconds: seconds,
          database: database.kind,
        },
      }),
    ];
  } finally {
    await deps.watermark.close?.();
    await deps.db.close();
    await rm(dataDir, { recursive: true, force: true });
    await database.drop();
  }
};
