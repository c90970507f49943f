import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { BUCKETS, StorageError } from '@mediashare/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SupabaseStorage } from '../src';
import { countedSource, driverFor, requestsTo, startStandInWithBuckets } from './supabase-fixtures';
import type { SupabaseStandIn } from './supabase-stand-in';

const INFO = /^\/object\/info\/authenticated\//;
const DOWNLOAD = /^\/object\/authenticated\//;
const UPLOAD = /^\/object\/user-media\//;

describe('SupabaseStorage retries and timeouts', () => {
  let standIn: SupabaseStandIn;
  let storage: SupabaseStorage;
  const bytes = randomBytes(64 * 1024);

  beforeEach(async () => {
    standIn = await startStandInWithBuckets();
    storage = driverFor(standIn);
    await storage.put(BUCKETS.userMedia, 'u1/clip.mp4', bytes, { contentType: 'video/mp4' });
  });
  afterEach(() => standIn.close());

  // Real time, but only lower bounds: a loaded machine makes the gaps longer, never shorter. Stalls, deadlines
  // and slow transfers are tested with fake timers (supabase-deadlines.test.ts).
  it('retries 5xx answers with exponentially growing delays', async () => {
    const patient = driverFor(standIn, { retries: 3, retryBaseDelayMs: 40, retryMaxDelayMs: 1000 });
    standIn.inject({ type: 'status', status: 503 }, { path: INFO, times: 3 });
    expect(await patient.stat(BUCKETS.userMedia, 'u1/clip.mp4')).toEqual({ size: bytes.length, contentType: 'video/mp4' });
    const attempts = requestsTo(standIn, 'GET', INFO).map((request) => request.at);
    expect(attempts).toHaveLength(4);
    const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
    // Equal jitter keeps at least half of 40, 80 and 160 ms; the upper half is random (see backoffDelay's test).
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(20 * 2 ** i - 2));
  });

  it('tells onRetry of every retry, and of nothing else', async () => {
    let retries = 0;
    const counted = driverFor(standIn, { retries: 3, onRetry: () => (retries += 1) });
    standIn.inject({ type: 'status', status: 503 }, { path: INFO, times: 2 });
    await counted.stat(BUCKETS.userMedia, 'u1/clip.mp4');
    expect(retries).toBe(2);
    await counted.stat(BUCKETS.userMedia, 'u1/clip.mp4');
    expect(retries).toBe(2);
  });

  it("retries Storage's legacy HTTP 400 whose body carries a 5xx status", async () => {
    const lockTimeout = {
      statusCode: '503',
      code: 'LockTimeout',
      error: 'acquiring_lock_timeout',
      message: 'acquiring lock timeout',
    };
    standIn.inject({ type: 'status', status: 400, body: lockTimeout }, { path: INFO });
    expect(await storage.stat(BUCKETS.userMedia, 'u1/clip.mp4')).not.toBeNull();
    expect(requestsTo(standIn, 'GET', INFO)).toHaveLength(2);
  });

  it('retries network failures, downloads included', async () => {
    standIn.inject({ type: 'reset' }, { path: DOWNLOAD, times: 2 });
    const body = await storage.get(BUCKETS.userMedia, 'u1/clip.mp4');
    expect((await buffer(body.stream)).equals(bytes)).toBe(true);
    expect(requestsTo(standIn, 'GET', DOWNLOAD)).toHaveLength(3);
  });

  it('gives up after the configured retries with a StorageError carrying the last answer', async () => {
    const driver = driverFor(standIn, { retries: 2 });
    standIn.inject({ type: 'status', status: 500 }, { path: INFO, times: 10 });
    const failure = await driver.stat(BUCKETS.userMedia, 'u1/clip.mp4').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as Error).message).toMatch(/Injected fault \[500\/500\]/);
    expect(requestsTo(standIn, 'GET', INFO)).toHaveLength(3);
  });

  it.each([
    ['a plain 4xx', 409, { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' }],
    ['a legacy 400 carrying 403', 400, { statusCode: '403', error: 'Unauthorized', message: 'invalid signature' }],
    [
      'a legacy 400 carrying 413',
      400,
      { statusCode: '413', error: 'Payload too large', message: 'The object exceeded the maximum allowed size' },
    ],
  ])('never retries %s', async (_label, status, body) => {
    standIn.inject({ type: 'status', status, body }, { path: UPLOAD, times: 5 });
    await expect(storage.put(BUCKETS.userMedia, 'u1/next.mp4', bytes, { contentType: 'video/mp4' })).rejects.toThrow(
      body.message,
    );
    expect(requestsTo(standIn, 'POST', UPLOAD).filter((r) => r.path.endsWith('next.mp4'))).toHaveLength(1);
  });

  it('retries a buffered upload, which can be sent again', async () => {
    standIn.inject({ type: 'status', status: 502 }, { path: UPLOAD });
    await storage.put(BUCKETS.userMedia, 'u1/again.mp4', bytes, { contentType: 'video/mp4' });
    expect(requestsTo(standIn, 'POST', UPLOAD).filter((r) => r.path.endsWith('again.mp4'))).toHaveLength(2);
    expect((await buffer((await storage.get(BUCKETS.userMedia, 'u1/again.mp4')).stream)).equals(bytes)).toBe(true);
  });

  it('never retries a streamed upload whose bytes have left, and leaves nothing behind', async () => {
    standIn.inject({ type: 'status', status: 503 }, { path: UPLOAD });
    const { source, state } = countedSource([bytes.subarray(0, 1000), bytes.subarray(1000)]);
    await expect(storage.put(BUCKETS.userMedia, 'u1/once.mp4', source, { contentType: 'video/mp4' })).rejects.toBeInstanceOf(
      StorageError,
    );
    expect(state.reads).toBeGreaterThan(0);
    expect(source.destroyed).toBe(true);
    expect(requestsTo(standIn, 'POST', UPLOAD).filter((r) => r.path.endsWith('once.mp4'))).toHaveLength(1);
    expect(await storage.stat(BUCKETS.userMedia, 'u1/once.mp4')).toBeNull();
  });

  it('retries a streamed upload that failed before reading its source (a refused connection)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    let attempts = 0;
    const unreachable = new SupabaseStorage({
      url: `http://127.0.0.1:${port}`,
      serviceKey: 'key',
      retries: 2,
      retryBaseDelayMs: 1,
      fetch: (input, init) => ((attempts += 1), fetch(input, init)),
    });
    const { source, state } = countedSource([bytes]);
    await expect(unreachable.put(BUCKETS.userMedia, 'u1/x.mp4', source, { contentType: 'video/mp4' })).rejects.toThrow(
      /ECONNREFUSED|fetch failed/,
    );
    expect(attempts).toBe(3);
    expect(state.reads).toBe(0);
    // As on the local driver: a failed put releases its source, whatever the failure.
    expect(source.destroyed).toBe(true);
  });
});
