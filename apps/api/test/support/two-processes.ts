import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createHarness, type Harness } from './harness';
import { spawnServer, type SpawnedServer } from './spawn-server';

export interface TwoProcesses {
  /** An in-process harness on the same database and storage, for reading state and making users. */
  observer: Harness;
  /** Sends a request to process `processIndex % 2`. */
  send: (processIndex: number, path: string, init?: RequestInit) => Promise<Response>;
  close(): Promise<void>;
}

/**
 * Two API processes on one database and one storage folder (or the same Supabase stand-in). On
 * PostgreSQL they are real processes, the server's own entry point; PGlite lives inside one process,
 * so there two apps share it.
 */
export const startTwoProcesses = async (): Promise<TwoProcesses> => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mediashare-two-'));
  const observer = await createHarness({ env: { DATA_DIR: dataDir } });
  let servers: SpawnedServer[] = [];
  let send: TwoProcesses['send'];
  if (inject('dbMode') === 'postgres') {
    const env = { LOG_LEVEL: 'warn', ...observer.storageEnv };
    servers = await Promise.all([spawnServer(env, { dataDir }), spawnServer(env, { dataDir })]);
    send = (i, p, init) => fetch(`${servers[i % 2]!.url}${p}`, init);
  } else {
    const second = await createHarness({ database: observer.deps.db, storage: observer.deps.storage });
    const apps = [observer.app, second.app];
    send = async (i, p, init) => apps[i % 2]!.request(p, init);
  }
  return {
    observer,
    send,
    async close() {
      await Promise.all(servers.map((s) => s.stop()));
      await observer.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
