// Uploads a generated file (1 GiB by default) through the real server and prints how much the server's
// resident memory grew while it streamed to storage. Target: under 64 MB.
//   pnpm bench:upload [--bytes N]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

const arg = process.argv.indexOf('--bytes');
const TOTAL = arg > 0 ? Number(process.argv[arg + 1]) : 1024 ** 3;
const TARGET_MB = 64;
const API_ROOT = path.resolve(import.meta.dirname, '..');

const rssOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
};

const dataDir = await mkdtemp(path.join(tmpdir(), 'mediashare-bench-'));
const port = 30_000 + Math.floor(Math.random() * 10_000);
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: API_ROOT,
  env: {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MAX_UPLOAD_BYTES: String(TOTAL + 1024 ** 2),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve, reject) => {
  server.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('running at') && resolve());
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const base = `http://127.0.0.1:${port}`;

try {
  const register = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.test', username: 'bench', password: 'benchmark password' }),
  });
  const cookie = register.headers.get('set-cookie')?.split(';')[0] ?? '';

  // An MP4 signature, then zeros: the server sniffs the first bytes and streams the rest to disk.
  const ftyp = Buffer.from('000000186674797069736f6d0000020069736f6d6d703431', 'hex');
  const boundary = 'BENCHBOUNDARY';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(1024 * 1024);

  for (let i = 0; i < 10; i++) await fetch(`${base}/healthz`); // settle
  global.gc?.();
  const baseline = rssOf(server.pid ?? 0);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.pid ?? 0))), 20);
  const started = performance.now();

  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      `${base}/api/user/media`,
      {
        method: 'POST',
        headers: {
          cookie,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + TOTAL + tail.length,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      let ok = true;
      if (sent === 0) {
        req.write(head);
        req.write(ftyp);
        sent = ftyp.length;
      }
      while (ok && sent < TOTAL) {
        const n = Math.min(chunk.length, TOTAL - sent);
        sent += n;
        ok = req.write(n === chunk.length ? chunk : chunk.subarray(0, n));
      }
      if (sent >= TOTAL) req.end(tail);
      else req.once('drain', pump);
    };
    pump();
  });

  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const growthMb = (peak - baseline) / 1024 ** 2;
  const mb = (n: number) => `${(n / 1024 ** 2).toFixed(1)} MB`;
  const result = {
    bytes: TOTAL,
    status,
    seconds: Number(seconds.toFixed(2)),
    throughputMBps: Number((TOTAL / 1024 ** 2 / seconds).toFixed(1)),
    baselineRss: mb(baseline),
    peakRss: mb(peak),
    rssGrowthMB: Number(growthMb.toFixed(1)),
    targetMB: TARGET_MB,
    verdict: status === 201 && growthMb < TARGET_MB ? 'PASS' : 'FAIL',
  };
  console.log(JSON.stringify(result, null, 2));
  if (result.verdict === 'FAIL') process.exitCode = 1;
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await rm(dataDir, { recursive: true, force: true });
}
