import { describe, expect, it } from 'vitest';
import { createDatabase, connect } from '../src';
import { DRIVERS, openFresh } from './databases';

describe.each(DRIVERS)('shared counters and job locks on %s', (driver) => {
  it('counts every concurrent failed sign-in exactly once', async () => {
    const { db, drop } = await openFresh(driver);
    try {
      const now = new Date();
      const policy = { windowMs: 60_000, lockMs: 60_000, maxFailures: 1000 };
      await Promise.all(Array.from({ length: 40 }, () => db.loginThrottle.recordFailure('login:x', now, policy)));
      const locked = await db.loginThrottle.recordFailure('login:x', now, { ...policy, maxFailures: 41 });
      expect(locked).toEqual(new Date(now.getTime() + 60_000));
    } finally {
      await drop();
    }
  });

  it('runs a named job in one place at a time', async () => {
    const { db, url, drop } = await openFresh(driver);
    // A second process has its own connections; PGlite has only one process.
    const other = url ? createDatabase(await connect({ url, poolSize: 2 })) : db;
    try {
      let release!: () => void;
      const first = db.runExclusive('storage-sweep', () => new Promise<string>((resolve) => (release = () => resolve('first'))));
      await new Promise((r) => setTimeout(r, 100));
      expect(await other.runExclusive('storage-sweep', async () => 'second')).toBeUndefined();
      release();
      expect(await first).toBe('first');
      expect(await other.runExclusive('storage-sweep', async () => 'third')).toBe('third');
    } finally {
      if (other !== db) await other.close();
      await drop();
    }
  });
});
