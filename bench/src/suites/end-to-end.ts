import { buffer } from 'node:stream/consumers';
import { createWatermarker } from '@mediashare/imaging';
import { freshDatabase, startBuiltServer } from '@mediashare/testing';
import { COMMUNITY, share, signUp, upload } from '../api';
import { BENCH_BUDGETS } from '../env';
import { photo, reencode } from '../fixtures';
import { cpuSecondsOf, median, ownCpuSeconds, percentile, timeRuns } from '../measure';
import { row, type Row } from '../report';
import type { Settings } from '../settings';

const POOL = 10;

/**
 * 5. End-to-end community share p50 / watermark-only p50 on the same file. With it, the sharing
 * issue's two figures: server CPU per community share / sharp decode + re-encode, and the p99 of an
 * unrelated request while twice the pool size of community shares are in flight / its idle p99.
 */
export const endToEndSuite = async (settings: Settings): Promise<Row[]> => {
  const database = await freshDatabase('mediashare_bench');
  const server = await startBuiltServer({ ...database.env, ...BENCH_BUDGETS, DATABASE_POOL_SIZE: String(POOL) });
  const wm = await createWatermarker({
    position: 'southeast',
    scale: 0.2,
    opacity: 0.6,
    margin: 0.03,
    maxPixels: 50_000_000,
    concurrency: 1,
  });
  try {
    const input = await photo('jpeg', settings.photo.width, settings.photo.height);
    const { cookie } = await signUp(server.url);
    const sequential = settings.runs + 1;
    const items = [];
    for (let i = 0; i < sequential + 2 * POOL; i++) items.push(await upload(server.url, cookie, input, `photo-${i}.jpg`));

    // One share at a time: latency and the server's CPU (its image service included) per share, each
    // followed by a plain re-encode here, so both sides of the ratio see the same machine.
    await share(server.url, cookie, items[0]!.id, COMMUNITY);
    await reencode(input, 'jpeg');
    const latencies: number[] = [];
    const shareCpu: number[] = [];
    const reencodeCpu: number[] = [];
    for (const item of items.slice(1, sequential)) {
      const cpuBefore = cpuSecondsOf(server.pid);
      const started = performance.now();
      await share(server.url, cookie, item.id, COMMUNITY);
      latencies.push(performance.now() - started);
      shareCpu.push(cpuSecondsOf(server.pid) - cpuBefore);
      const ownBefore = ownCpuSeconds();
      await reencode(input, 'jpeg');
      reencodeCpu.push(ownCpuSeconds() - ownBefore);
    }
    const serverCpu = median(shareCpu);
    const watermarkOnly = median(
      await timeRuns(settings.runs, async () => buffer((await wm.watermark(input, 'image/jpeg')).stream)),
    );
    const plainCpu = median(reencodeCpu);

    // An unrelated request (who am I: a session lookup) idle, then while 2 x pool shares are in flight.
    const probe = async (count: number) => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).arrayBuffer();
        times.push(performance.now() - started);
      }
      return times;
    };
    await probe(100);
    const idle = percentile(await probe(settings.smoke ? 200 : 1000), 99);
    let sharing = true;
    const inFlight = Promise.all(items.slice(sequential).map((item) => share(server.url, cookie, item.id, COMMUNITY))).finally(
      () => {
        sharing = false;
      },
    );
    const busyTimes: number[] = [];
    while (sharing) busyTimes.push(...(await probe(5)));
    await inFlight;
    const busy = percentile(busyTimes, 99);

    return [
      row({
        id: '5',
        name: 'End to end',
        ratioOf: 'community share p50 / watermark-only p50, same file',
        value: median(latencies) / watermarkOnly,
        target: { op: '<=', bound: 1.15 },
        figures: {
          shareP50Ms: median(latencies),
          watermarkP50Ms: watermarkOnly,
          shares: latencies.length,
          database: database.kind,
        },
      }),
      row({
        id: '10',
        name: 'Server CPU per community share',
        ratioOf: 'server CPU per share (image service included) / sharp decode + re-encode',
        value: serverCpu / plainCpu,
        target: { op: '<=', bound: 1.3 },
        figures: { serverCpuMs: serverCpu * 1000, reencodeCpuMs: plainCpu * 1000 },
      }),
      row({
        id: '11',
        name: 'Unrelated request under share load',
        ratioOf: `p99 while ${2 * POOL} community shares are in flight / idle p99`,
        value: busy / idle,
        target: { op: '<=', bound: 2 },
        figures: { idleP99Ms: idle, busyP99Ms: busy, busySamples: busyTimes.length, poolSize: POOL },
      }),
    ];
  } finally {
    await wm.close();
    await server.stop();
    await database.drop();
  }
};
