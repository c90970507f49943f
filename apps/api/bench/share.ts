// Sharing benchmark, both figures measured in one run:
//   1. server CPU per community share of a 12 MP JPEG / sharp's plain decode + re-encode of the same
//      file (target: at most 1.3);
//   2. p99 of an unrelated request while twice the pool size of community shares are in flight / its
//      idle p99 (target: at most 2).
//   pnpm --filter @mediashare/api bench:share [--shares N]
import sharp from 'sharp';
import { cpuSecondsOf, freshDatabase, percentile, registerUser, shareItem, startServer, upload, verdict } from './lib';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SHARES = arg('--shares', 8);
const POOL = 10;
const COMMUNITY = { shareToCommunity: true, tags: ['night'], policyAgreed: true };

// A 12 MP photo-like JPEG: noise compresses like real detail, unlike a flat colour.
const photo = await sharp({
  create: { width: 4000, height: 3000, channels: 3, background: '#7a8a99', noise: { type: 'gaussian', mean: 120, sigma: 30 } },
})
  .jpeg({ quality: 90 })
  .toBuffer();

// Baseline: what sharp spends just to decode and re-encode this file, in this process.
const baseline = async (runs: number) => {
  await sharp(photo).rotate().jpeg({ quality: 85 }).toBuffer();
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) await sharp(photo).rotate().jpeg({ quality: 85 }).toBuffer();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6 / runs;
};

const database = await freshDatabase();
const server = await startServer({ ...database.env, DATABASE_POOL_SIZE: String(POOL) });
try {
  const cookie = await registerUser(server.url);
  const items = [];
  for (let i = 0; i < SHARES + 2 * POOL + 1; i++) items.push(await upload(server.url, cookie, photo, `photo-${i}.jpg`));

  // Warm up the server's share path once.
  await shareItem(server.url, cookie, items[0]!.id, COMMUNITY);

  const cpuBefore = cpuSecondsOf(server.pid);
  for (const item of items.slice(1, SHARES + 1)) await shareItem(server.url, cookie, item.id, COMMUNITY);
  const serverCpuPerShare = (cpuSecondsOf(server.pid) - cpuBefore) / SHARES;
  const baselineCpu = await baseline(SHARES);
  const cpuRatio = serverCpuPerShare / baselineCpu;

  // Unrelated request: who am I (a session lookup in the database), one at a time.
  const probe = async (count: number) => {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
      await res.arrayBuffer();
      times.push(performance.now() - started);
    }
    return times;
  };
  await probe(100);
  const idle = percentile(await probe(1000), 99);
  let sharing = true;
  const inFlight = Promise.all(items.slice(SHARES + 1).map((item) => shareItem(server.url, cookie, item.id, COMMUNITY))).finally(
    () => {
      sharing = false;
    },
  );
  await new Promise((r) => setTimeout(r, 200));
  const busyTimes: number[] = [];
  while (sharing) busyTimes.push(...(await probe(10)));
  await inFlight;
  const busy = percentile(busyTimes, 99);
  const latencyRatio = busy / idle;

  const result = {
    file: '12 MP JPEG (4000x3000)',
    shares: SHARES,
    serverCpuPerShareMs: Number((serverCpuPerShare * 1000).toFixed(1)),
    sharpDecodeEncodeMs: Number((baselineCpu * 1000).toFixed(1)),
    cpuRatio: Number(cpuRatio.toFixed(2)),
    cpuTarget: 1.3,
    cpuVerdict: verdict(cpuRatio <= 1.3),
    poolSize: POOL,
    sharesInFlight: 2 * POOL,
    idleP99Ms: Number(idle.toFixed(1)),
    busyP99Ms: Number(busy.toFixed(1)),
    busySamples: busyTimes.length,
    latencyRatio: Number(latencyRatio.toFixed(2)),
    latencyTarget: 2,
    latencyVerdict: verdict(latencyRatio <= 2),
    database: database.kind,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await server.stop();
  await database.drop();
}
