import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { BUCKETS, StorageError, StorageNotFoundError } from '@mediashare/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bootstrapBuckets, SUPABASE_DEFAULTS, SupabaseStorage, type SupabaseStorageOptions } from '../src';
import { driverFor, startStandInWithBuckets, type SupabaseStandIn } from './supabase-fixtures';

// Every clock here is fake: the tests move time themselves, so they hold however loaded the machine is. Only
// setTimeout is faked; sockets, setImmediate and promises run for real.

/** Accepts connections and reads whatever is sent, and never answers: a hung Storage server. */
const startSilentServer = async () => {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** A promise's outcome, readable without awaiting it. */
const track = <T>(promise: Promise<T>) => {
  const outcome: { isSettled: boolean; value?: T; error?: unknown } = { isSettled: false };
  promise.then(
    (value) => Object.assign(outcome, { isSettled: true, value }),
    (error: unknown) => Object.assign(outcome, { isSettled: true, error }),
  );
  return outcome;
};

/** Lets real I/O and the promise chains it starts run, without moving the (fake) clock. */
const settle = async (turns = 5) => {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

const until = async (condition: () => boolean) => {
  while (!condition()) await settle(1);
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Supabase Storage that accepts connections and never answers', () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  const driver = (options: Partial<SupabaseStorageOptions> = {}) =>
    new SupabaseStorage({ url: silent.url, serviceKey: 'service-key', ...options });

  beforeEach(async () => {
    silent = await startSilentServer();
  });
  afterEach(() => silent.close());

  /** Moves the clock to just before `ms` (still waiting), then to `ms` (failed with a StorageError). */
  const expectFailureAt = async (outcome: ReturnType<typeof track>, ms: number) => {
    await vi.advanceTimersByTimeAsync(ms - 1);
    expect(outcome.isSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(outcome.error).toBeInstanceOf(StorageError);
    expect(outcome.error).not.toBeInstanceOf(StorageNotFoundError);
    return (outcome.error as Error).message;
  };

  it('fails a metadata call well under 30 s with the default settings, retries included', async () => {
    expect(SUPABASE_DEFAULTS.deadlineMs).toBeLessThanOrEqual(15_000);
    const message = await expectFailureAt(track(driver().stat(BUCKETS.userMedia, 'u1/a.png')), SUPABASE_DEFAULTS.deadlineMs);
    expect(message).toMatch(`did not answer within ${SUPABASE_DEFAULTS.deadlineMs} ms`);
  });

  it('keeps retrying stalled attempts only until the deadline (not 4 x the stall window)', async () => {
    const storage = driver({ timeoutMs: 3_000, deadlineMs: 10_000, retries: 3, retryBaseDelayMs: 100, retryMaxDelayMs: 100 });
    const message = await expectFailureAt(track(storage.stat(BUCKETS.userMedia, 'u1/a.png')), 10_000);
    // Attempts at 0, ~3.1, ~6.2 and ~9.3 s, the fourth cut short by the deadline.
    expect(message).toBe(
      'Supabase Storage did not answer within 10000 ms (4 attempts; previous failure: Supabase Storage made no progress for 3000 ms)',
    );
  });

  it.each<[string, (s: SupabaseStorage) => Promise<unknown>]>([
    ['stat', (s: SupabaseStorage) => s.stat(BUCKETS.userMedia, 'u1/a.png')],
    ['delete', (s: SupabaseStorage) => s.delete(BUCKETS.general, 'c/a.png')],
    ['get, until its answer starts', (s: SupabaseStorage) => s.get(BUCKETS.userMedia, 'u1/a.png')],
    ['a ranged get', (s: SupabaseStorage) => s.get(BUCKETS.userMedia, 'u1/a.png', { range: { start: 0, end: 9 } })],
  ])('%s fails at the deadline', async (_label, operation) => {
    const message = await expectFailureAt(track(operation(driver({ deadlineMs: 4_000 }))), 4_000);
    expect(message).toMatch(/^Supabase Storage did not answer within 4000 ms \(1 attempt\)/);
  });

  it('a server-side copy has a deadline of its own, for Supabase copying large files', async () => {
    const storage = driver({ deadlineMs: 4_000, copyDeadlineMs: 20_000 });
    const copy = storage.copy({ bucket: BUCKETS.userMedia, key: 'u1/a.mp4' }, { bucket: BUCKETS.general, key: 'c/a.mp4' });
    const message = await expectFailureAt(track(copy), 20_000);
    expect(message).toMatch('did not answer within 20000 ms');
  });

  it('bounds each call of the bucket bootstrap', async () => {
    const run = bootstrapBuckets({ url: silent.url, serviceKey: 'service-key', maxUploadBytes: 1000, deadlineMs: 5_000 });
    const message = await expectFailureAt(track(run), 5_000);
    expect(message).toMatch('did not answer within 5000 ms');
  });

  it('an upload whose bytes have all left is judged by progress, not by the deadline', async () => {
    const bytes = randomBytes(4096);
    const storage = driver({ timeoutMs: 3_000, deadlineMs: 1_000, retries: 0 });
    const put = track(storage.put(BUCKETS.userMedia, 'u1/a.png', bytes, { contentType: 'image/png' }));
    // The server reads the whole request (real I/O), then never answers.
    await settle(50);
    const message = await expectFailureAt(put, 3_000);
    expect(message).toBe('Supabase Storage made no progress for 3000 ms');
  });
});

describe('transfers are judged by their progress, however long they take', () => {
  const windowMs = 1_000;
  let standIn: SupabaseStandIn;
  const bytes = randomBytes(64 * 1024);

  beforeEach(async () => {
    standIn = await startStandInWithBuckets();
    await driverFor(standIn).put(BUCKETS.userMedia, 'u1/clip.mp4', bytes, { contentType: 'video/mp4' });
  });
  afterEach(() => standIn.close());

  it('a download that stalls mid-body fails its stream once no byte came for the stall window', async () => {
    const storage = driverFor(standIn, { timeoutMs: windowMs });
    standIn.inject({ type: 'stall', afterBytes: 1000 }, { path: /^\/object\/authenticated\// });
    const body = await storage.get(BUCKETS.userMedia, 'u1/clip.mp4');
    expect(body.size).toBe(bytes.length);
    let received = 0;
    const reading = track(
      (async () => {
        for await (const chunk of body.stream) received += (chunk as Buffer).length;
      })(),
    );
    await until(() => received === 1000);
    await settle();
    await vi.advanceTimersByTimeAsync(windowMs - 1);
    expect(reading.isSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => reading.isSettled);
    expect(reading.error).toBeInstanceOf(StorageError);
    expect((reading.error as Error).message).toBe(`Supabase Storage made no progress for ${windowMs} ms`);
    expect(received).toBe(1000);
  });

  it('a slow consumer is not a stall: a download may sit unread for many windows', async () => {
    // Larger than every buffer on the way, so the pause happens with bytes still waiting on the socket.
    const large = randomBytes(8 * 1024 * 1024);
    await driverFor(standIn).put(BUCKETS.userMedia, 'u1/large.mp4', large, { contentType: 'video/mp4' });
    const body = await driverFor(standIn, { timeoutMs: windowMs, deadlineMs: windowMs }).get(BUCKETS.userMedia, 'u1/large.mp4');
    const { stream } = body;
    stream.read(0);
    // Filled to its mark, the stream asks for nothing more: nobody is waiting on Supabase, whatever the clock says.
    await until(() => stream.readableLength >= stream.readableHighWaterMark);
    await vi.advanceTimersByTimeAsync(10 * windowMs);
    expect((await buffer(stream)).equals(large)).toBe(true);
  });

  it('a download may outlast the deadline while its bytes keep coming', async () => {
    const chunk = randomBytes(1024);
    const chunks = 8;
    const trickle = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(chunk.length * chunks) });
      res.flushHeaders();
      let sent = 0;
      const next = () => {
        res.write(chunk);
        sent += 1;
        if (sent < chunks) setTimeout(next, 0.6 * windowMs);
        else res.end();
      };
      setTimeout(next, 0.6 * windowMs);
    });
    await new Promise<void>((resolve) => trickle.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = trickle.address() as AddressInfo;
      const storage = new SupabaseStorage({
        url: `http://127.0.0.1:${port}`,
        serviceKey: 'k',
        timeoutMs: windowMs,
        deadlineMs: 2 * windowMs,
      });
      const body = await storage.get(BUCKETS.userMedia, 'u1/slow.mp4');
      const reader = body.stream[Symbol.asyncIterator]();
      let received = 0;
      // 8 chunks 0.6 windows apart: 4.8 windows in all, past the 2-window deadline, never a window without a byte.
      while (received < chunk.length * chunks) {
        await vi.advanceTimersByTimeAsync(0.6 * windowMs);
        received += ((await reader.next()).value as Buffer).length;
      }
      expect(received).toBe(chunk.length * chunks);
    } finally {
      trickle.closeAllConnections();
      await new Promise<void>((resolve) => trickle.close(() => resolve()));
    }
  });

  it('a slow source is not a stall: only waiting on Supabase counts, and the deadline not at all once bytes move', async () => {
    const storage = driverFor(standIn, { timeoutMs: windowMs, deadlineMs: windowMs });
    let waits = 0;
    const slow = Readable.from(
      (async function* () {
        for (let i = 0; i < 3; i += 1) {
          await new Promise((resolve) => {
            setTimeout(resolve, 2 * windowMs);
            waits += 1;
          });
          yield bytes.subarray(i * 1000, (i + 1) * 1000);
        }
      })(),
    );
    const put = storage.put(BUCKETS.userMedia, 'u1/slow.mp4', slow, { contentType: 'video/mp4' });
    for (let i = 1; i <= 3; i += 1) {
      await until(() => waits === i);
      // The driver has handed every earlier chunk to the network and now waits on the source.
      await settle();
      await vi.advanceTimersByTimeAsync(2 * windowMs);
    }
    expect(await put).toEqual({ size: 3000, contentType: 'video/mp4' });
    expect((await buffer((await storage.get(BUCKETS.userMedia, 'u1/slow.mp4')).stream)).equals(bytes.subarray(0, 3000))).toBe(
      true,
    );
  });
});
