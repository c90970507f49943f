import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createApp } from '../src/app';
import { backupEmbedded, type BackupProgress } from '../src/backup/backup-embedded';
import { controlSocketPath } from '../src/backup/control-channel';
import { readManifest, type TBackupManifest } from '../src/backup/manifest';
import { restoreBackup } from '../src/backup/restore-backup';
import { bootstrap } from '../src/bootstrap';
import { parseEnv } from '../src/env';
import { createLogger } from '../src/logger';
import { makeImage } from './support/fixtures';
import { spawnServer, type SpawnedServer } from './support/spawn-server';
import {
  appFetcher,
  captureVault,
  deleteMedia,
  httpFetcher,
  register,
  seedVault,
  upload,
  type Fetcher,
  type Seeded,
} from './support/vault-state';

// The embedded default only: PGlite in DATA_DIR, files under DATA_DIR/storage. One server process runs
// the whole file; everything else happens in this process or in one run of the real command.
const PUBLIC_URL = 'http://media.example.test';
const API_ROOT = path.resolve(import.meta.dirname, '..');

const envFor = (dataDir: string) => parseEnv({ DATA_DIR: dataDir, PUBLIC_URL, SCRYPT_COST: '1024', LOG_LEVEL: 'silent' });

/** Starts the app in this process on a restored DATA_DIR, as `pnpm start` would, and hands it to `fn`. */
const onRestored = async <T>(dataDir: string, fn: (f: Fetcher) => Promise<T>) => {
  const deps = await bootstrap(envFor(dataDir), createLogger('silent'));
  try {
    return await fn(appFetcher(createApp(deps, { webDistDir: path.join(dataDir, 'no-web-build') })));
  } finally {
    await deps.watermark.close?.();
    await deps.db.close();
  }
};

// Each step starts a server or opens a database on disk; on a loaded two-core machine that takes a while.
const SLOW = 180_000;

const stopGracefully = async (server: SpawnedServer) => {
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
};

// No rendition worker: renditions are made in the background, and a copy taken while they are being made
// would differ from the restored one by them, not by anything backups are about.
const SERVER_ENV = { PUBLIC_URL, RENDITION_CONCURRENCY: '0' };

describe.runIf(inject('dbMode') === 'pglite')('backup and restore of the embedded default', () => {
  let root: string;
  let dataDir: string;
  let server: SpawnedServer;
  let seeded: Seeded;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'mediashare-backup-'));
    dataDir = path.join(root, 'data');
    server = await spawnServer(SERVER_ENV, { dataDir });
    seeded = await seedVault(httpFetcher(server.url));
  }, SLOW);
  afterAll(async () => {
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  });

  let atBackup: Awaited<ReturnType<typeof captureVault>>;
  let afterBackup: Awaited<ReturnType<typeof captureVault>>;
  let hot: TBackupManifest;
  const uploadedByCarol = new Map<string, string>();

  it(
    'backs up while the server runs and serves, through its control socket',
    async () => {
      const live = httpFetcher(server.url);
      const socket = controlSocketPath(dataDir);
      expect((await stat(socket)).mode & 0o777).toBe(0o600);
      expect((await stat(path.dirname(socket))).mode & 0o777).toBe(0o700);

      // Someone keeps uploading and deleting while the backup runs: whatever the backup holds of it must be whole.
      const carol = await register(live, 'carol');
      const carolItems: { id: number }[] = [];
      for (let i = 0; i < 3; i++) {
        const bytes = await makeImage('png', 20 + i, 20);
        uploadedByCarol.set(`early-${i}.png`, createHash('sha256').update(bytes).digest('hex'));
        carolItems.push(await upload(live, carol, bytes, `early-${i}.png`));
      }
      seeded.people.push(carol);
      atBackup = await captureVault(live, { ...seeded, people: seeded.people.slice(0, 2) });

      const churn = async () => {
        for (const [i, item] of carolItems.slice(0, 2).entries()) {
          const bytes = await makeImage('png', 40 + i, 20);
          uploadedByCarol.set(`during-${i}.png`, createHash('sha256').update(bytes).digest('hex'));
          await upload(live, carol, bytes, `during-${i}.png`);
          await deleteMedia(live, carol, item.id);
        }
      };
      const steps: BackupProgress[] = [];
      const [manifest] = await Promise.all([
        backupEmbedded({ env: envFor(dataDir), out: path.join(root, 'hot'), onStep: (step) => void steps.push(step) }),
        churn(),
      ]);
      hot = manifest;
      expect(steps[0]).toEqual({ step: 'source', serverRunning: true });
      expect(hot).toMatchObject({ format: 1, product: 'mediashare', serverRunning: true, database: { kind: 'pglite' } });
      expect(hot.database.tables).toMatchObject({ users: 3 });
      // The server removes its snapshot once the backup has copied it and hung up.
      await vi.waitFor(async () => expect(await readdir(path.join(dataDir, 'backup-snapshots'))).toEqual([]), {
        timeout: 15_000,
      });

      // Changes after the backup are not in it.
      await upload(live, seeded.people[0]!, await makeImage('png', 33, 33), 'after the backup.png');
      afterBackup = await captureVault(live, { ...seeded, people: seeded.people.slice(0, 2) });
      expect(afterBackup).not.toEqual(atBackup);
    },
    SLOW,
  );

  it(
    'restores it into an empty DATA_DIR that a server starts on with everything as it was',
    async () => {
      const restored = path.join(root, 'restored-hot');
      const { manifest, missingObjects } = await restoreBackup({ env: envFor(restored), from: path.join(root, 'hot') });
      expect(manifest).toEqual(hot);
      expect(missingObjects).toEqual([]);
      await onRestored(restored, async (f) => {
        expect(await captureVault(f, { ...seeded, people: seeded.people.slice(0, 2) })).toEqual(atBackup);

        // Carol's items are whichever side of each change the backup fell on, each with its own bytes.
        const login = await f('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'carol', password: seeded.people[2]!.password }),
        });
        const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
        const { items } = (await (await f('/api/user/media', { headers: { cookie } })).json()) as {
          items: { id: number; fileName: string }[];
        };
        expect(items.length).toBeGreaterThanOrEqual(1);
        for (const item of items) {
          const file = await f(`/api/user/media/${item.id}/file`, { headers: { cookie } });
          expect(file.status).toBe(200);
          expect(
            createHash('sha256')
              .update(new Uint8Array(await file.arrayBuffer()))
              .digest('hex'),
          ).toBe(uploadedByCarol.get(item.fileName));
        }
      });
    },
    SLOW,
  );

  it(
    'backs up a stopped server under the data dir lock, which keeps a server from starting meanwhile',
    async () => {
      await stopGracefully(server);
      await expect(access(controlSocketPath(dataDir))).rejects.toThrow();

      let refused = '';
      const cold = await backupEmbedded({
        env: envFor(dataDir),
        out: path.join(root, 'cold'),
        onStep: async (step) => {
          if (step.step !== 'database') return;
          // The database is dumped and the storage copy is about to start: a server must not open the data dir now.
          refused = await spawnServer(SERVER_ENV, { dataDir }).then(
            async (started) => {
              await started.stop();
              return 'started';
            },
            (error: Error) => error.message,
          );
        },
      });
      expect(refused).toContain(`in use by process ${process.pid}`);
      expect(cold.serverRunning).toBe(false);
      expect(cold.storage.objects).toBeGreaterThan(0);

      const restored = path.join(root, 'restored-cold');
      await restoreBackup({ env: envFor(restored), from: path.join(root, 'cold') });
      await onRestored(restored, async (f) => {
        expect(await captureVault(f, { ...seeded, people: seeded.people.slice(0, 2) })).toEqual(afterBackup);
      });
    },
    SLOW,
  );

  it(
    'pnpm backup writes the same backup of the stopped server',
    async () => {
      const out = path.join(root, 'from-the-command');
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', '--out', out], {
        cwd: API_ROOT,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code, output).toBe(0);
      expect(output).toMatch(/server stopped/);
      expect(output).toMatch(/^done {7}/m);

      const fromCommand = await readManifest(out);
      const cold = await readManifest(path.join(root, 'cold'));
      expect(fromCommand.database.tables).toEqual(cold.database.tables);
      expect(fromCommand.storage).toEqual(cold.storage);
      // Files the command wrote are readable by their owner only: they hold password hashes and private media.
      expect((await stat(out)).mode & 0o777).toBe(0o700);
      const sums = await readFile(path.join(out, 'SHA256SUMS'), 'utf8');
      expect(sums.split('\n').filter(Boolean)).toHaveLength(fromCommand.checksums.files);
    },
    SLOW,
  );
});
