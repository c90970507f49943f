import type { StoragePort } from '@mediashare/core';
import { describe, expect, it } from 'vitest';
import { createDeleteHold } from './delete-hold';

/** A storage whose deletes finish when the test says so, recording what happened in order. */
const fakeStorage = () => {
  const events: string[] = [];
  const pending: (() => void)[] = [];
  const storage = {
    delete: (_bucket: string, key: string) =>
      new Promise<void>((resolve) => {
        events.push(`delete ${key} started`);
        pending.push(() => {
          events.push(`delete ${key} done`);
          resolve();
        });
      }),
    stat: async (_bucket: string, key: string) => ({ size: key.length, contentType: 'text/plain' }),
    publicUrl(this: unknown, _bucket: string, key: string) {
      return this === storage ? `public/${key}` : 'unbound';
    },
  };
  return { storage: storage as unknown as StoragePort, events, finishNext: () => pending.shift()?.() };
};

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('delete hold', () => {
  it('makes deletes asked for during the hold wait until it ends; everything else passes through', async () => {
    const { storage, events, finishNext } = fakeStorage();
    const hold = createDeleteHold(storage);
    let later: Promise<void> | undefined;
    await hold.run(async () => {
      later = hold.storage.delete('general', 'a.jpg');
      await tick();
      expect(hold.waiting).toBe(1);
      expect(await hold.storage.stat('general', 'abc')).toEqual({ size: 3, contentType: 'text/plain' });
      expect(hold.storage.publicUrl('general', 'a.jpg')).toBe('public/a.jpg');
      events.push('snapshot');
    });
    await tick();
    finishNext();
    await later;
    expect(hold.waiting).toBe(0);
    expect(events).toEqual(['snapshot', 'delete a.jpg started', 'delete a.jpg done']);
  });

  it('starts only after the deletes already running have finished', async () => {
    const { storage, events, finishNext } = fakeStorage();
    const hold = createDeleteHold(storage);
    const running = hold.storage.delete('user-media', '1/x.png');
    const held = hold.run(async () => {
      events.push('snapshot');
    });
    await tick();
    expect(events).toEqual(['delete 1/x.png started']);
    finishNext();
    await Promise.all([running, held]);
    expect(events).toEqual(['delete 1/x.png started', 'delete 1/x.png done', 'snapshot']);
  });

  it('releases the deletes when the held work fails, and refuses a second hold at once', async () => {
    const { storage, finishNext } = fakeStorage();
    const hold = createDeleteHold(storage);
    let waiting: Promise<void> | undefined;
    await expect(
      hold.run(async () => {
        waiting = hold.storage.delete('general', 'b.gif');
        await expect(hold.run(async () => {})).rejects.toThrow('already held');
        throw new Error('dump failed');
      }),
    ).rejects.toThrow('dump failed');
    await tick();
    finishNext();
    await waiting;
  });
});
