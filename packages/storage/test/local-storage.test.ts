import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUCKETS } from '@mediashare/core';
import { describe, expect, it } from 'vitest';
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
