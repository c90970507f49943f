import { describe, expect, it } from 'vitest';
import { createTestDeps } from '../testing/test-deps';
import { fingerprintOf, replayOrRun } from './replay-or-run';

const request = (fingerprint: string, run: () => Promise<unknown>) => ({
  userId: 1,
  key: 'k-1',
  fingerprint: async () => fingerprint,
  run: async () => ({ result: await run(), answer: { status: 201, body: { made: fingerprint } }, fingerprint }),
});

describe('replayOrRun', () => {
  it('runs once, then replays the stored answer to the same request and refuses a different one', async () => {
    const { deps } = createTestDeps();
    let runs = 0;
    const made = async () => ++runs;
    expect(await replayOrRun(deps, request('a', made))).toEqual({ replayed: false, result: 1 });
    expect(await replayOrRun(deps, request('a', made))).toEqual({ replayed: true, answer: { status: 201, body: { made: 'a' } } });
    await expect(replayOrRun(deps, request('b', made))).rejects.toMatchObject({ code: 'idempotencyKeyReused', status: 422 });
    expect(runs).toBe(1);
  });

  it('frees the key when the run fails, so a retry runs', async () => {
    const { deps, memory } = createTestDeps();
    await expect(
      replayOrRun(
        deps,
        request('a', () => Promise.reject(new Error('storage down'))),
      ),
    ).rejects.toThrow('storage down');
    expect(memory.state.idempotencyKeys).toEqual([]);
    expect(
      await replayOrRun(
        deps,
        request('a', async () => 'second'),
      ),
    ).toEqual({ replayed: false, result: 'second' });
  });

  it('answers 409 when the first request still runs after the wait, and takes over a key whose holder died', async () => {
    const { deps, advance } = createTestDeps({
      config: { idempotency: { ttlMs: 86_400_000, lockMs: 60_000, waitMs: 20, pollMs: 10 } },
    });
    let release!: () => void;
    const first = replayOrRun(
      deps,
      request('a', () => new Promise<void>((r) => (release = r))),
    );
    await expect(
      replayOrRun(
        deps,
        request('a', async () => 'dup'),
      ),
    ).rejects.toMatchObject({ code: 'idempotencyInProgress', status: 409 });
    release();
    await first;

    // A holder that never finishes: once its lock runs out, the next request runs.
    const stuck = { ...request('c', () => new Promise(() => {})), key: 'k-stuck' };
    void replayOrRun(deps, stuck);
    advance(61_000);
    expect(await replayOrRun(deps, { ...request('c', async () => 'took over'), key: 'k-stuck' })).toEqual({
      replayed: false,
      result: 'took over',
    });
  });

  it('fingerprints requests by content, whatever the order of their fields', () => {
    expect(fingerprintOf('op', { a: 1, b: [1, { c: 2, d: 3 }] })).toBe(fingerprintOf('op', { b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(fingerprintOf('op', { a: 1 })).not.toBe(fingerprintOf('other', { a: 1 }));
  });
});
