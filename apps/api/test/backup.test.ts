import { spawn } from 'node:child_process';
import { access, appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { backupEmbedded } from '../src/backup/backup-embedded';
import { controlSocketPath, listenForBackups, requestSnapshot } from '../src/backup/control-channel';
import { createDeleteHold, type DeleteHold } from '../src/backup/delete-hold';
import { restoreBackup } from '../src/backup/restore-backup';
import { takeSnapshot } from '../src/backup/snapshot';
import { parseEnv } from '../src/env';
import { createLogger } from '../src/logger';
import { createUser, uploadFile } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe('backup and restore refuse other configurations', () => {
  it('point PostgreSQL and Supabase at their own tools', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mediashare-backup-'));
    try {
      const postgres = parseEnv({ DATA_DIR: dir, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' });
      await expect(backupEmbedded({ env: postgres, out: path.join(dir, 'out') })).rejects.toThrow(
        /uses PostgreSQL \(DATABASE_URL\)\. Use pg_dump/,
      );
      await expect(restoreBackup({ env: postgres, from: dir })).rejects.toThrow(/uses PostgreSQL/);
      const supabase = parseEnv({
        DATA_DIR: dir,
        STORAGE_DRIVER: 'supabase',
        SUPABASE_URL: 'https://project.supabase.co',
        SUPABASE_SERVICE_ROLE_KEY: 'key',
      });
      await expect(backupEmbedded({ env: supabase, out: path.join(dir, 'out') })).rejects.toThrow(/Supabase Storage/);
      expect(await exists(path.join(dir, 'out'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// The API in this process on PGlite, with the control channel a server opens, driven through app.request().
describe.runIf(inject('dbMode') === 'pglite')('backups of the embedded default, in process', () => {
  let h: Harness;
  let hold: DeleteHold;
  let channel: Awaited<ReturnType<typeof listenForBackups>>;
  let root: string;
  beforeAll(async () => {
    h = await createHarness({
      wrapPorts: (storage, database) => {
        hold = createDeleteHold(storage);
        return { storage: hold.storage, database };
      },
    });
    channel = await listenForBackups({
      dataDir: h.dir,
      logger: createLogger('silent'),
      snapshot: () => takeSnapshot({ dataDir: h.dir, dump: () => h.deps.db.connection.dump!(), hold }),
    });
    root = await mkdtemp(path.join(tmpdir(), 'mediashare-backups-'));
  });
  afterAll(async () => {
    await channel?.close();
    await h?.close();
    await rm(root, { recursive: true, force: true });
  });
  const env = () => parseEnv({ DATA_DIR: h.dir });

  it('holds deletes from the dump until the storage files are linked, so the snapshot has every object a row names', async () => {
    const owner = await createUser(h.app);
    const bytes = await makeImage('png', 70, 70);
    const uploaded = await uploadFile(h.app, owner, bytes, 'kept.png');
    const original = path.join(h.storageRoot, 'user-media', uploaded.body.filePath);

    let deleted: ReturnType<typeof call> | undefined;
    const snapshot = await takeSnapshot({
      dataDir: h.dir,
      dump: () => h.deps.db.connection.dump!(),
      hold,
      afterDump: async () => {
        // The row goes now; its object must stay until the snapshot has it.
        deleted = call(h.app, `/api/user/media/${uploaded.body.id}`, { method: 'DELETE', cookie: owner.cookie });
        await vi.waitFor(() => expect(hold.waiting).toBe(1), { timeout: 20_000 });
        expect(await exists(original)).toBe(true);
      },
    });
    try {
      expect((await deleted!).status).toBe(204);
      expect(await exists(original)).toBe(false);
      expect(snapshot.database.tables.media).toBe(1);
      expect(await readFile(path.join(snapshot.dir, 'storage', 'user-media', uploaded.body.filePath))).toEqual(bytes);
    } finally {
      await rm(snapshot.dir, { recursive: true, force: true });
    }
  });

  let good: string;
  it('takes one backup at a time through the socket, and writes it restorable', async () => {
    const owner = await createUser(h.app);
    const photo = await uploadFile(h.app, owner, await makeImage('jpeg', 60, 40), 'photo.jpg');
    const shared = await call(h.app, `/api/media/${photo.body.id}/share`, {
      json: { shareToCommunity: true, tags: ['night'], policyAgreed: true },
      cookie: owner.cookie,
    });
    expect(shared.status).toBe(200);

    // A public file the database does not know (written after a dump) stays out; one it expects comes along.
    const general = path.join(h.storageRoot, 'general');
    await writeFile(path.join(general, 'ghost-0a1b2c3d.jpg'), 'written after the dump');
    await writeFile(path.join(general, 'pending-4e5f6a7b.jpg'), 'a copy being written');
    await h.deps.db.storageIntents.add('general', 'pending-4e5f6a7b.jpg');

    good = path.join(root, 'good');
    let second: unknown;
    const manifest = await backupEmbedded({
      env: env(),
      out: good,
      onStep: async (step) => {
        if (step.step === 'database') second = await requestSnapshot(h.dir).catch((error: Error) => error.message);
      },
    });
    expect(second).toBe('The running server could not take a snapshot: another backup is being taken right now');
    expect(manifest.serverRunning).toBe(true);
    expect(manifest.database.tables).toMatchObject({ users: 2, media: 1, community_media: 1, community_media_tags: 1 });
    expect(manifest.storage).toMatchObject({ objects: 3, buckets: { 'user-media': { objects: 1 }, general: { objects: 2 } } });
    expect((await readdir(path.join(good, 'storage'))).sort()).toEqual(['.meta', 'general', 'user-media']);
    const publicFiles = await readdir(path.join(good, 'storage', 'general'));
    expect(publicFiles).toContain('pending-4e5f6a7b.jpg');
    expect(publicFiles).not.toContain('ghost-0a1b2c3d.jpg');
  });

  it('answers nothing but a snapshot request on its socket, which only its user may open', async () => {
    const socket = controlSocketPath(h.dir);
    expect((await stat(socket)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(socket))).mode & 0o777).toBe(0o700);
    for (const line of ['{"op":"restore"}', 'not json']) {
      const answer = await new Promise<string>((resolve, reject) => {
        const client = connect(socket, () => client.write(`${line}\n`));
        let text = '';
        client.on('data', (chunk: Buffer) => (text += chunk.toString()));
        client.on('close', () => resolve(text));
        client.on('error', reject);
      });
      expect(JSON.parse(answer)).toEqual({ ok: false, error: 'unknown request' });
    }
  });

  it('refuses to write into a folder that is not empty, or into DATA_DIR', async () => {
    const busy = path.join(root, 'busy');
    await mkdir(busy);
    await writeFile(path.join(busy, 'notes.txt'), 'mine');
    await expect(backupEmbedded({ env: env(), out: busy })).rejects.toThrow(`${busy} is not empty`);
    expect(await readdir(busy)).toEqual(['notes.txt']);
    await expect(backupEmbedded({ env: env(), out: path.join(h.dir, 'backups') })).rejects.toThrow(/outside DATA_DIR/);
    expect(await exists(path.join(h.dir, 'backups'))).toBe(false);
  });

  it('finds no server behind a socket whose process died, and then nothing to back up in a data dir without a database', async () => {
    const dead = await mkdtemp(path.join(tmpdir(), 'mediashare-dead-'));
    try {
      const socket = controlSocketPath(dead);
      await mkdir(path.dirname(socket), { recursive: true });
      // A process that dies holding its socket leaves the file behind, with nobody listening.
      const child = spawn(process.execPath, [
        '-e',
        `require('node:net').createServer().listen(${JSON.stringify(socket)}, () => process.kill(process.pid, 'SIGKILL'))`,
      ]);
      await new Promise((resolve) => child.once('exit', resolve));
      expect(await exists(socket)).toBe(true);
      expect(await requestSnapshot(dead)).toBeNull();
      const out = path.join(root, 'nothing');
      await expect(backupEmbedded({ env: parseEnv({ DATA_DIR: dead }), out })).rejects.toThrow(
        `Nothing to back up: There is no embedded database in ${path.join(dead, 'pglite')}`,
      );
      expect(await exists(out)).toBe(false);
    } finally {
      await rm(dead, { recursive: true, force: true });
    }
  });

  describe('restore', () => {
    /** A copy of the good backup, changed by `tamper`, restored into a DATA_DIR that does not exist yet. */
    const restoreTampered = async (name: string, tamper: (dir: string) => Promise<void>) => {
      const copy = path.join(root, `tampered-${name}`);
      await cp(good, copy, { recursive: true });
      await tamper(copy);
      const target = path.join(root, `data-${name}`);
      const failure = await restoreBackup({ env: parseEnv({ DATA_DIR: target }), from: copy }).then(
        () => 'restored',
        (error: Error) => error.message,
      );
      // Nothing half-restored: the DATA_DIR it would have created is not there.
      expect(await exists(target)).toBe(false);
      return failure;
    };
    const firstObject = async (dir: string) => {
      const sums = await readFile(path.join(dir, 'SHA256SUMS'), 'utf8');
      return /storage\/user-media\/\S+/.exec(sums)![0];
    };

    it('refuses a DATA_DIR that is not empty and leaves it as it was', async () => {
      const target = path.join(root, 'occupied');
      await mkdir(path.join(target, 'storage'), { recursive: true });
      await expect(restoreBackup({ env: parseEnv({ DATA_DIR: target }), from: good })).rejects.toThrow(
        `DATA_DIR ${target} is not empty (storage): a restore goes only into an empty DATA_DIR`,
      );
      expect(await readdir(target)).toEqual(['storage']);
    });

    it('refuses an incomplete backup', async () => {
      expect(await restoreTampered('no-manifest', (dir) => rm(path.join(dir, 'manifest.json')))).toMatch(
        /is not a complete backup: it has no manifest\.json/,
      );
      expect(await restoreTampered('no-sums', (dir) => rm(path.join(dir, 'SHA256SUMS')))).toBe(
        'The backup is damaged or incomplete: SHA256SUMS is missing. Nothing was restored.',
      );
      let removed = '';
      const failure = await restoreTampered('lost-object', async (dir) => {
        removed = await firstObject(dir);
        await rm(path.join(dir, removed));
      });
      expect(failure).toBe(
        `The backup is damaged or incomplete: files listed in SHA256SUMS are missing (${removed}). Nothing was restored.`,
      );
    });

    it('refuses a backup whose files were changed, added to, or whose database differs from its record', async () => {
      let changed = '';
      expect(
        await restoreTampered('flipped-byte', async (dir) => {
          changed = await firstObject(dir);
          const bytes = await readFile(path.join(dir, changed));
          bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
          await writeFile(path.join(dir, changed), bytes);
        }),
      ).toBe(`The backup is damaged or incomplete: ${changed} does not match its checksum. Nothing was restored.`);
      expect(await restoreTampered('database', (dir) => appendFile(path.join(dir, 'database/pglite.tar.gz'), 'x'))).toBe(
        'The backup is damaged or incomplete: database/pglite.tar.gz does not match its checksum. Nothing was restored.',
      );
      expect(
        await restoreTampered('added', (dir) => writeFile(path.join(dir, 'storage/general/extra.jpg'), 'not from the backup')),
      ).toBe(
        'The backup is damaged or incomplete: files that are not part of the backup were added (storage/general/extra.jpg). Nothing was restored.',
      );
      expect(
        await restoreTampered('sums', (dir) => appendFile(path.join(dir, 'SHA256SUMS'), `${'0'.repeat(64)}  storage/x\n`)),
      ).toBe('The backup is damaged or incomplete: SHA256SUMS does not match the manifest. Nothing was restored.');
      const editManifest = (edit: (manifest: any) => void) => async (dir: string) => {
        const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
        edit(manifest);
        await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
      };
      expect(
        await restoreTampered(
          'newer',
          editManifest((m) => (m.database.migration = 4_102_444_800_000)),
        ),
      ).toMatch(/^This backup was made by a newer release of mediashare/);
      expect(
        await restoreTampered(
          'objects',
          editManifest((m) => (m.storage.objects += 1)),
        ),
      ).toMatch(/^The backup is damaged or incomplete: it holds 3 objects \(\d+ bytes\) where the manifest says 4/);
      // Found only once the database is loaded: the staging folder with it must go too.
      expect(
        await restoreTampered(
          'rows',
          editManifest((m) => (m.database.tables.media += 1)),
        ),
      ).toBe(
        'The backup is damaged or incomplete: the restored database differs from the one backed up (media: 2 in the backup, 1 restored). Nothing was restored.',
      );
    });

    it('restores the good backup, over what an interrupted restore left and beside an empty lost+found', async () => {
      const target = path.join(root, 'restored');
      await mkdir(path.join(target, '.restoring', 'pglite'), { recursive: true });
      await mkdir(path.join(target, 'lost+found'));
      const { manifest, missingObjects } = await restoreBackup({ env: parseEnv({ DATA_DIR: target }), from: good });
      expect(missingObjects).toEqual([]);
      expect((await readdir(target)).sort()).toEqual(['lost+found', 'pglite', 'storage']);
      expect(await exists(path.join(target, 'pglite', 'mediashare.pid'))).toBe(false);
      const sums = await readFile(path.join(good, 'SHA256SUMS'), 'utf8');
      for (const [, name] of sums.matchAll(/ {2}storage\/(.+)$/gm)) {
        expect(await readFile(path.join(target, 'storage', name!))).toEqual(await readFile(path.join(good, 'storage', name!)));
      }
      expect(manifest.storage.objects).toBe(3);
    });
  });
});
