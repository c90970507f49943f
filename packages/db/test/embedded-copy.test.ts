import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedDatabaseMissingError, latestKnownMigration, loadEmbedded, openDatabase, openStoppedEmbedded } from '../src';
import { users } from '../src/schema';

// Each test opens PGlite on disk two or three times; on a loaded two-core machine that takes a while.
const SLOW = 180_000;

// The embedded database on disk, as the server keeps it under DATA_DIR/pglite.
describe('embedded database copy', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mediashare-embedded-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'dumps between transactions, and loads back into a new folder with the same rows',
    async () => {
      const db = await openDatabase({ dataDir: path.join(dir, 'live') });
      let dumped;
      try {
        const [owner] = await db.connection.db
          .insert(users)
          .values({ email: 'a@example.test', username: 'a', passwordHash: 'x' })
          .returning({ id: users.id });
        await db.connection.db.execute(
          sql`insert into media (user_id, file_path, file_name, mime_type, size, source) values (${owner!.id}, 'u/a.png', 'a.png', 'image/png', 3, 'upload')`,
        );
        // A public copy being written: the database expects its object though no row names it yet.
        await db.storageIntents.add('general', 'copy-0a1b2c3d.png');
        await db.storageIntents.add('user-media', 'u/b.png');

        // A transaction in progress when the dump is asked for: the dump waits for it and holds all of it.
        let inside!: () => void;
        const started = new Promise<void>((resolve) => (inside = resolve));
        let finish!: () => void;
        const held = new Promise<void>((resolve) => (finish = resolve));
        const writer = db.connection.db.transaction(async (tx) => {
          await tx.insert(users).values({ email: 'b@example.test', username: 'b', passwordHash: 'x' });
          inside();
          await held;
          await tx.insert(users).values({ email: 'c@example.test', username: 'c', passwordHash: 'x' });
        });
        await started;
        const dumping = db.connection.dump!();
        finish();
        await writer;
        dumped = await dumping;
      } finally {
        await db.close();
      }

      expect(dumped.tables.users).toBe(3);
      expect(dumped.tables.media).toBe(1);
      expect(dumped.publicKeys).toEqual(['copy-0a1b2c3d.png']);
      expect(dumped.migration).toBe(await latestKnownMigration());
      expect(dumped.postgres).toMatch(/^\d+\.\d+/);

      const restored = path.join(dir, 'restored');
      const loaded = await loadEmbedded(restored, dumped.tar);
      expect(loaded.tables).toEqual(dumped.tables);
      expect(loaded.migration).toBe(dumped.migration);
      expect(loaded.referenced).toEqual([{ bucket: 'user-media', key: 'u/a.png' }]);
      // The live server's lock file came along in the dump; the restored folder must not carry it.
      expect(await readdir(restored)).not.toContain('mediashare.pid');

      const reopened = await openDatabase({ dataDir: restored });
      try {
        const names = await reopened.connection.db.select({ username: users.username }).from(users).orderBy(users.username);
        expect(names.map((u) => u.username)).toEqual(['a', 'b', 'c']);
      } finally {
        await reopened.close();
      }
    },
    SLOW,
  );

  it(
    'opens a stopped database under the data directory lock, and refuses a folder without one',
    async () => {
      await (await openDatabase({ dataDir: path.join(dir, 'stopped') })).close();
      const stopped = await openStoppedEmbedded(path.join(dir, 'stopped'));
      try {
        await access(path.join(dir, 'stopped', 'mediashare.pid'));
        const dump = await stopped.dump();
        expect(dump.tables.users).toBe(0);
      } finally {
        await stopped.close();
      }
      await expect(access(path.join(dir, 'stopped', 'mediashare.pid'))).rejects.toThrow();
      await expect(openStoppedEmbedded(path.join(dir, 'nothing-here'))).rejects.toBeInstanceOf(EmbeddedDatabaseMissingError);
    },
    SLOW,
  );
});
