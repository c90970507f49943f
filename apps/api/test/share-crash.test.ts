import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sweepStorage } from '@mediashare/core';
import { openDatabase, schema } from '@mediashare/db';
import { describe, expect, inject, it } from 'vitest';
import { createUser, uploadFile } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, openIsolatedDatabase, type TestDatabase } from './support/harness';

describe('a process killed between upload and commit', () => {
  it('leaves a public object without a row, which one sweep removes', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mediashare-crash-'));
    const onPostgres = inject('dbMode') === 'postgres';
    const pgliteDir = path.join(dataDir, 'pglite');
    let db: TestDatabase = onPostgres ? await openIsolatedDatabase() : await openDatabase({ dataDir: pgliteDir });
    const h = await createHarness({ database: db, env: { DATA_DIR: dataDir } });
    try {
      const owner = await createUser(h.app);
      const { body: item } = await uploadFile(h.app, owner, await makeImage('jpeg', 300, 200), 'crash.jpg');
      // PGlite belongs to one process at a time: hand it to the child.
      if (!onPostgres) await db.close();

      const child = fork(path.join(import.meta.dirname, 'support/share-child.ts'), [String(owner.id), String(item.id)], {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          ...(onPostgres ? { DATABASE_URL: db.url } : { DATABASE_URL: '' }),
          SHARE_CLAIM_TTL_SECONDS: '0.5',
          ...h.storageEnv,
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const uploaded = await new Promise<string>((resolve, reject) => {
        child.once('message', (m) => resolve((m as { uploaded: string }).uploaded));
        child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
      });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      if (!onPostgres) db = await openDatabase({ dataDir: pgliteDir });
      expect(await h.objects('general')).toEqual([uploaded]);
      expect(await db.connection.db.select().from(schema.communityMedia)).toEqual([]);

      await sleep(600); // the dead process's claim runs out
      const result = await sweepStorage({ ...h.deps, db }, { graceMs: 0 });
      expect(result).toMatchObject({ deleted: 1, failed: 0 });
      expect(await h.objects('general')).toEqual([]);
      expect(await db.connection.db.select().from(schema.shareClaims)).toEqual([]);
      expect(await db.connection.db.select().from(schema.storageIntents)).toEqual([]);
    } finally {
      await h.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
