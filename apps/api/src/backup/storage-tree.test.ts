import { describe, expect, it } from 'vitest';
import { forEachLimit, isObjectFile, knownToDatabase } from './storage-tree';

describe('forEachLimit', () => {
  it('runs at most `limit` at once and every item once', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(n);
      running -= 1;
    });
    expect(most).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('starts nothing after a failure, and throws it once the calls under way have settled', async () => {
    const events: string[] = [];
    let releaseSlow!: () => void;
    const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
    const run = forEachLimit(['slow', 'bad', 'never'], 2, async (name) => {
      events.push(`start ${name}`);
      if (name === 'bad') throw new Error('bad item');
      await slow;
      events.push(`end ${name}`);
    });
    let settled = false;
    void run.catch(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    releaseSlow();
    await expect(run).rejects.toThrow('bad item');
    expect(events).toEqual(['start slow', 'start bad', 'end slow']);
  });
});

describe('knownToDatabase', () => {
  it('keeps public objects and their metadata only when the database knows the key; everything else always', () => {
    const keep = knownToDatabase(['known-0a1b2c3d.jpg']);
    expect(keep('general/known-0a1b2c3d.jpg')).toBe(true);
    expect(keep('.meta/general/known-0a1b2c3d.jpg.json')).toBe(true);
    expect(keep('general/ghost-4e5f6a7b.jpg')).toBe(false);
    expect(keep('.meta/general/ghost-4e5f6a7b.jpg.json')).toBe(false);
    expect(keep('user-media/7/uploads/anything.png')).toBe(true);
    expect(keep('.meta/user-media/7/uploads/anything.png.json')).toBe(true);
  });

  it('tells objects from their metadata', () => {
    expect(isObjectFile('general/a.jpg')).toBe(true);
    expect(isObjectFile('.meta/general/a.jpg.json')).toBe(false);
    expect(isObjectFile('stray-file-at-the-root')).toBe(false);
  });
});
