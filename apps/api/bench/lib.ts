import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import postgres from 'postgres';

const API_ROOT = path.resolve(import.meta.dirname, '..');
const TICKS_PER_SECOND = 100;

export interface BenchServer {
  url: string;
  pid: number;
  child: ChildProcess;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * A database of the benchmark's own on the PostgreSQL server DATABASE_URL names, dropped afterwards;
 * without DATABASE_URL the servers use the embedded PGlite under their data folder.
 */
export const freshDatabase = async () => {
  const server = process.env.DATABASE_URL;
  if (!server) return { env: {} as Record<string, string>, kind: 'pglite' as const, drop: async () => {} };
  const name = `mediashare_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() } as Record<string, string>,
    kind: 'postgres' as const,
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
};

let built: Promise<void> | undefined;
/** Benchmarks measure what `pnpm start` runs: the bundled server, built once per run from the sources. */
const buildServer = () =>
  (built ??= new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['build.mjs'], { cwd: API_ROOT, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build failed with ${code}`))));
  }));

/** Starts the bundled server (dist/main.js) in its own process with its own data folder. */
export const startServer = async (env: Record<string, string> = {}, dataDir?: string): Promise<BenchServer> => {
  await buildServer();
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'mediashare-bench-')));
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...flags, 'dist/main.js'], {
    cwd: API_ROOT,
    env: { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SCRYPT_COST: '1024', ...env },
    stdio: ['ignore', 'pipe', process.env.BENCH_NODE_FLAGS ? 'pipe' : 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('running at') && resolve());
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    child,
    dataDir: dir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
};

const childrenOf = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

/**
 * CPU seconds (user + system, all threads) a process and its descendants (the image service) have
 * used so far. Children that exited are counted by the kernel in their parent's cumulative fields.
 */
export const cpuSecondsOf = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime, stime, cutime, cstime (fields 14-17 of stat; 0-based 11-14 after the command name)
  const own = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  return own / TICKS_PER_SECOND + childrenOf(pid).reduce((sum, child) => sum + cpuSecondsOf(child), 0);
};

export const rssOf = (pid: number): number =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

export const registerUser = async (base: string, name = `bench${Date.now()}`) => {
  const res = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${name}@example.test`, username: name, password: 'benchmark password' }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status}`);
  return res.headers.get('set-cookie')?.split(';')[0] ?? '';
};

export const upload = async (base: string, cookie: string, bytes: Uint8Array, name: string) => {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  const res = await fetch(`${base}/api/user/media`, { method: 'POST', headers: { cookie }, body: form });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: number; filePath: string };
};

export const shareItem = async (base: string, cookie: string, id: number, body: unknown) => {
  const res = await fetch(`${base}/api/media/${id}/share`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`share failed: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ shareCode: string }>;
};

export const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
