import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { BUCKETS, InvalidKeyError, StorageNotFoundError } from '@mediashare/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalStorage } from '../src';
import { storageContract } from './contract';

storageContract('local filesystem', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'mediashare-local-'));
  // The API serves public files in production; here a bare file server over the driver stands in.
  const ref: { storage?: LocalStorage } = {};
  const server = createServer((req, res) => {
    const match = /^\/storage\/v1\/object\/public\/([^/]+)\/(.+)$/.exec(req.url ?? '');
    if (!match) return void res.writeHead(404).end();
    ref
      .storage!.get(match[1] as typeof BUCKETS.general, decodeURIComponent(match[2] ?? ''))
      .then((body) => {
        res.writeHead(200, { 'content-type': body.contentType });
        body.stream.pipe(res);
      })
      .catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const storage = new LocalStorage({ root, publicBaseUrl: `http://127.0.0.1:${port}` });
  ref.storage = storage;
  return {
    storage,
    fetchPublic: (url) => fetch(url),
    close: async () => {
      server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});

describe('local filesystem specifics', () => {
  it('writes through a temporary file, so an interrupted write never shows at the key', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'mediashare-local-'));
    const storage = new LocalStorage({ root, publicBaseUrl: 'http://x' });
    await storage.put(BUCKETS.general, 'a.png', Buffer.from('x'), { contentType: 'image/png' });
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
    await rm(root, { recursive: true, force: true });
  });

  it('removeIncomplete deletes only old temporary files', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'mediashare-local-'));
    const storage = new LocalStorage({ root, publicBaseUrl: 'http://x' });
    await storage.put(BUCKETS.general, 'a.png', Buffer.from('x'), { contentType: 'image/png' });
    const old = path.join(root, '.tmp', 'left-by-a-crash');
    const fresh = path.join(root, '.tmp', 'still-being-written');
    await writeFile(old, 'partial');
    await writeFile(fresh, 'partial');
    const hourAgo = new Date(Date.now() - 3600_000);
    await utimes(old, hourAgo, hourAgo);
    expect(await storage.removeIncomplete(new Date(Date.now() - 60_000))).toBe(1);
    expect(await readdir(path.join(root, '.tmp'))).toEqual(['still-being-written']);
    await rm(root, { recursive: true, force: true });
  });

  it('falls back to the extension for an object written without recorded type', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'mediashare-local-'));
    const storage = new LocalStorage({ root, publicBaseUrl: 'http://x' });
    await storage.put(BUCKETS.general, 'clip.mp4', Buffer.from('x'), { contentType: 'video/mp4' });
    await rm(path.join(root, '.meta'), { recursive: true });
    expect(await storage.stat(BUCKETS.general, 'clip.mp4')).toEqual({ size: 1, contentType: 'video/mp4' });
    await rm(root, { recursive: true, force: true });
  });
});

describe('local filesystem: symbolic links are never followed', () => {
  // A link can only appear through someone with access to the data folder (a hand-made shortcut, another
  // program writing there); the driver must not let it expose or change files the key does not name.
  let root: string;
  let outside: string;
  let storage: LocalStorage;
  const secret = Buffer.from('\x89PNG not for you');
  const bucketPath = (bucket: string, key: string) => path.join(root, bucket, ...key.split('/'));

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'mediashare-local-'));
    outside = await mkdtemp(path.join(tmpdir(), 'mediashare-outside-'));
    await writeFile(path.join(outside, 'secret.png'), secret);
    storage = new LocalStorage({ root, publicBaseUrl: 'http://x' });
    await storage.put(BUCKETS.userMedia, '6/uploads/theirs.png', secret, { contentType: 'image/png' });
    await mkdir(bucketPath(BUCKETS.userMedia, '5/uploads'), { recursive: true });
    // A file link to outside the storage root, one to another user's object, and a folder link to another user's folder.
    await symlink(path.join(outside, 'secret.png'), bucketPath(BUCKETS.userMedia, '5/uploads/outside.png'));
    await symlink(bucketPath(BUCKETS.userMedia, '6/uploads/theirs.png'), bucketPath(BUCKETS.userMedia, '5/uploads/theirs.png'));
    await symlink(bucketPath(BUCKETS.userMedia, '6/uploads'), bucketPath(BUCKETS.userMedia, '5/linked'));
    await symlink(outside, bucketPath(BUCKETS.userMedia, '5/away'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  const linked = ['5/uploads/outside.png', '5/uploads/theirs.png', '5/linked/theirs.png', '5/away/secret.png'];

  it.each(linked)('reads %s as a missing object: stat, get, ranged get and copy', async (key) => {
    expect(await storage.stat(BUCKETS.userMedia, key)).toBeNull();
    await expect(storage.get(BUCKETS.userMedia, key)).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.get(BUCKETS.userMedia, key, { range: { start: 0, end: 3 } })).rejects.toBeInstanceOf(
      StorageNotFoundError,
    );
    await expect(
      storage.copy({ bucket: BUCKETS.userMedia, key }, { bucket: BUCKETS.general, key: 'copied.png' }),
    ).rejects.toBeInstanceOf(StorageNotFoundError);
    expect(await storage.stat(BUCKETS.general, 'copied.png')).toBeNull();
  });

  it('never writes through a linked folder, and creates nothing outside', async () => {
    for (const key of ['5/linked/planted.png', '5/away/planted.png', '5/away/deeper/planted.png']) {
      await expect(storage.put(BUCKETS.userMedia, key, Buffer.from('x'), { contentType: 'image/png' })).rejects.toBeInstanceOf(
        InvalidKeyError,
      );
      await expect(
        storage.copy({ bucket: BUCKETS.userMedia, key: '6/uploads/theirs.png' }, { bucket: BUCKETS.userMedia, key }),
      ).rejects.toBeInstanceOf(InvalidKeyError);
    }
    expect((await readdir(outside)).sort()).toEqual(['secret.png']);
    expect(await readdir(bucketPath(BUCKETS.userMedia, '6/uploads'))).toEqual(['theirs.png']);
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
  });

  it('a write to a key that is a link replaces the link, never the file it points to', async () => {
    await storage.put(BUCKETS.userMedia, '5/uploads/outside.png', Buffer.from('mine'), { contentType: 'image/png' });
    expect(await readFile(path.join(outside, 'secret.png'))).toEqual(secret);
    expect((await lstat(bucketPath(BUCKETS.userMedia, '5/uploads/outside.png'))).isSymbolicLink()).toBe(false);
    expect(await storage.stat(BUCKETS.userMedia, '5/uploads/outside.png')).toEqual({ size: 4, contentType: 'image/png' });
  });

  it('deleting through a link removes at most the link itself, never what it points to', async () => {
    for (const key of linked) await storage.delete(BUCKETS.userMedia, key);
    expect(await readFile(path.join(outside, 'secret.png'))).toEqual(secret);
    expect(await storage.stat(BUCKETS.userMedia, '6/uploads/theirs.png')).toEqual({
      size: secret.length,
      contentType: 'image/png',
    });
  });

  it('ignores a linked metadata file: the type comes from the extension instead', async () => {
    await storage.put(BUCKETS.general, 'clip.mp4', Buffer.from('x'), { contentType: 'video/mp4' });
    await writeFile(path.join(outside, 'meta.json'), JSON.stringify({ contentType: 'text/html' }));
    const meta = path.join(root, '.meta', BUCKETS.general, 'clip.mp4.json');
    await rm(meta);
    await symlink(path.join(outside, 'meta.json'), meta);
    expect(await storage.stat(BUCKETS.general, 'clip.mp4')).toEqual({ size: 1, contentType: 'video/mp4' });
  });

  it('a storage root reached through a link (a data disk mounted elsewhere) works as usual', async () => {
    const alias = path.join(outside, 'alias');
    await symlink(root, alias);
    const aliased = new LocalStorage({ root: alias, publicBaseUrl: 'http://x' });
    await aliased.put(BUCKETS.general, 'a/b.png', Buffer.from('ok'), { contentType: 'image/png' });
    expect(await aliased.stat(BUCKETS.userMedia, '6/uploads/theirs.png')).not.toBeNull();
    expect(await aliased.stat(BUCKETS.userMedia, '5/linked/theirs.png')).toBeNull();
    expect((await buffer((await aliased.get(BUCKETS.general, 'a/b.png')).stream)).toString()).toBe('ok');
  });
});
