import { describe, expect, it } from 'vitest';
import { createHashingGate } from './hashing-gate';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('createHashingGate', () => {
  it('runs at most perAddress at once per address, lets four times as many wait, and refuses the rest', async () => {
    const gate = createHashingGate({ perAddress: 2 });
    const started: number[] = [];
    const blockers = Array.from({ length: 11 }, deferred);
    const runs = blockers.map((b, i) =>
      gate.run('203.0.113.9', async () => {
        started.push(i);
        await b.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    // 2 running, 8 waiting: the eleventh is refused at once.
    await expect(runs[10]).rejects.toMatchObject({ code: 'hashingBusy', status: 429, headers: { 'Retry-After': '1' } });
    // Another address has a lane of its own.
    expect(await gate.run('198.51.100.1', async () => 'other')).toBe('other');

    blockers[0]?.resolve();
    await runs[0];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const b of blockers) b.resolve();
    expect(await Promise.all(runs.slice(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(gate.peak()).toBe(2);
  });

  it('frees the place of a hash that throws', async () => {
    const gate = createHashingGate({ perAddress: 1 });
    await expect(gate.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run('a', async () => 1)).toBe(1);
  });
});
