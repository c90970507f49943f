import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { BUCKETS, InvalidKeyError, StorageNotFoundError, type StoragePort } from '@mediashare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export interface ContractTarget {
  storage: StoragePort;
  /** Fetches a public URL the driver handed out (the local driver needs the API to serve it). */
  fetchPublic: (url: string) => Promise<Response>;
  /** Size of the large-object test; memory is measured around it. */
  largeBytes?: number;
  close?: () => Promise<void>;
}

/**
 * Bytes produced on the fly from one reused chunk, so a large object never exists in the test's memory
 * and the test itself allocates next to nothing while it runs.
 */
const generated = (total: number, chunkSize = 1024 * 1024) => {
  const chunk = Buffer.alloc(chunkSize, 7);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
};

/** The large-object test's own timeout, a backstop only: the test bounds itself by the speed it measures. */
const BACKSTOP_MS = 10 * 60_000;

const within = async <T>(ms: number, work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Took more than ${Math.round(ms)} ms, 10 times what the speed measured before predicts`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * What every storage driver must do. Each driver's test file calls this with its own setup; the
 * sharing code relies on exactly these behaviours.
 */
export const storageContract = (name: string, setup: () => Promise<ContractTarget>) => {
  describe(`storage contract: ${name}`, () => {
    let target: ContractTarget;
    let storage: StoragePort;
    const prefix = `contract-${randomBytes(4).toString('hex')}`;
    const key = (k: string) => `${prefix}/${k}`;

    beforeAll(async () => {
      target = await setup();
      storage = target.storage;
    });
    afterAll(async () => target.close?.());

    it('round-trips bytes and keeps the content type', async () => {
      const bytes = randomBytes(10_000);
      const info = await storage.put(BUCKETS.userMedia, key('a/b/c.png'), bytes, { contentType: 'image/png' });
      expect(info).toEqual({ size: 10_000, contentType: 'image/png' });
      expect(await storage.stat(BUCKETS.userMedia, key('a/b/c.png'))).toEqual({ size: 10_000, contentType: 'image/png' });
      const body = await storage.get(BUCKETS.userMedia, key('a/b/c.png'));
      expect(body.contentType).toBe('image/png');
      expect(body.size).toBe(10_000);
      expect((await buffer(body.stream)).equals(bytes)).toBe(true);
    });

    it('streams an upload from a Readable and serves a byte range', async () => {
      const bytes = randomBytes(300_000);
      await storage.put(BUCKETS.userMedia, key('stream.mp4'), Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), {
        contentType: 'video/mp4',
      });
      const part = await storage.get(BUCKETS.userMedia, key('stream.mp4'), { range: { start: 1000, end: 1999 } });
      expect(part.size).toBe(300_000);
      expect((await buffer(part.stream)).equals(bytes.subarray(1000, 2000))).toBe(true);
    });

    it('streams a large object in and out with flat memory', { timeout: BACKSTOP_MS }, async () => {
      // Peak RSS growth while a size-byte object goes in and comes back out, and how long that took.
      const run = async (size: number) => {
        const started = performance.now();
        const before = process.memoryUsage().rss;
        let peak = before;
        const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
        try {
          await storage.put(BUCKETS.userMedia, key('large.bin'), generated(size), { contentType: 'video/mp4' });
          const body = await storage.get(BUCKETS.userMedia, key('large.bin'));
          let seen = 0;
          for await (const chunk of body.stream) seen += (chunk as Buffer).length;
          expect(seen).toBe(size);
        } finally {
          clearInterval(sample);
          await storage.delete(BUCKETS.userMedia, key('large.bin'));
        }
        return { growth: peak - before, ms: performance.now() - started };
      };
      const size = target.largeBytes ?? 256 * 1024 * 1024;
      const small = await run(size / 4);
      // A hang guard scaled to the speed this run has just shown (4 times the bytes, 10 times the margin), never
      // a speed target: a loaded machine is slower for both runs alike.
      const large = await within(small.ms * 4 * 10, run(size));
      // Buffering would grow memory with the object; streaming leaves only the garbage collector's slack,
      // which differs between Node versions but not with the object's size.
      expect(large.growth).toBeLessThan(size / 2);
      expect(large.growth - small.growth).toBeLessThan(size / 4);
    });

    it('a failed upload leaves no object behind', async () => {
      const failing = new Readable({
        read() {
          this.push(Buffer.alloc(1024));
          this.destroy(new Error('source failed'));
        },
      });
      await expect(storage.put(BUCKETS.userMedia, key('broken.bin'), failing, { contentType: 'video/mp4' })).rejects.toThrow();
      expect(await storage.stat(BUCKETS.userMedia, key('broken.bin'))).toBeNull();
    });

    it('copies between buckets, keeping bytes and type', async () => {
      const bytes = randomBytes(5000);
      await storage.put(BUCKETS.userMedia, key('orig.gif'), bytes, { contentType: 'image/gif' });
      const info = await storage.copy(
        { bucket: BUCKETS.userMedia, key: key('orig.gif') },
        { bucket: BUCKETS.general, key: key('copy.gif') },
      );
      expect(info).toEqual({ size: 5000, contentType: 'image/gif' });
      const copy = await storage.get(BUCKETS.general, key('copy.gif'));
      expect((await buffer(copy.stream)).equals(bytes)).toBe(true);
      expect(copy.contentType).toBe('image/gif');
    });

    it('serves public objects at their public URL', async () => {
      const bytes = randomBytes(2000);
      await storage.put(BUCKETS.general, key('public-0a1b2c3d.webp'), bytes, { contentType: 'image/webp' });
      const url = storage.publicUrl(BUCKETS.general, key('public-0a1b2c3d.webp'));
      expect(url).toMatch(/\/storage\/v1\/object\/public\/general\//);
      const res = await target.fetchPublic(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    });

    it('deletes, and deleting again is not an error', async () => {
      await storage.put(BUCKETS.general, key('gone.png'), randomBytes(10), { contentType: 'image/png' });
      await storage.delete(BUCKETS.general, key('gone.png'));
      await storage.delete(BUCKETS.general, key('gone.png'));
      expect(await storage.stat(BUCKETS.general, key('gone.png'))).toBeNull();
    });

    it('reports a missing object as StorageNotFoundError', async () => {
      await expect(storage.get(BUCKETS.general, key('never.png'))).rejects.toBeInstanceOf(StorageNotFoundError);
      await expect(
        storage.copy({ bucket: BUCKETS.userMedia, key: key('never.png') }, { bucket: BUCKETS.general, key: key('x.png') }),
      ).rejects.toBeInstanceOf(StorageNotFoundError);
      expect(await storage.stat(BUCKETS.general, key('never.png'))).toBeNull();
    });

    it('a key with a name longer than a filesystem allows (255 bytes) is missing, not a failure', async () => {
      // Beside an object that exists, so the folder is there and the long name itself is what is looked up.
      await storage.put(BUCKETS.general, key('beside.png'), randomBytes(4), { contentType: 'image/png' });
      for (const long of [key(`${'a'.repeat(300)}.png`), key(`${'b'.repeat(300)}/c.png`)]) {
        await expect(storage.get(BUCKETS.general, long)).rejects.toBeInstanceOf(StorageNotFoundError);
        expect(await storage.stat(BUCKETS.general, long)).toBeNull();
        await storage.delete(BUCKETS.general, long);
      }
    });

    it.each([
      '../escape.png',
      'a/../../escape.png',
      '/etc/passwd',
      'a//b.png',
      'a/./b.png',
      'a\\..\\b.png',
      'nul\u0000.png',
      '',
      '..',
    ])('refuses the unsafe key %j', async (bad) => {
      await expect(storage.put(BUCKETS.general, bad, randomBytes(4), { contentType: 'image/png' })).rejects.toBeInstanceOf(
        InvalidKeyError,
      );
      await expect(storage.get(BUCKETS.general, bad)).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(storage.delete(BUCKETS.general, bad)).rejects.toBeInstanceOf(InvalidKeyError);
    });
  });
};
