import { describe, expect, it } from 'vitest';
import { LockTimeoutError } from '@mediashare/core';
import { createDatabase, connect, schema } from '../src';
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

describe.runIf(DRIVERS.includes('postgres' as never))('the media lock on PostgreSQL', () => {
  it('reads what the previous holder committed', async () => {
    const { db, drop } = await openFresh('postgres');
    try {
      const q = db.connection.db;
      const [user] = await q
        .insert(schema.users)
        .values({ email: 'lock@example.test', username: 'lock', passwordHash: 'x' })
        .returning();
      const item = await db.media.create({
        userId: user!.id,
        filePath: `${user!.id}/uploads/a.png`,
        fileName: 'a.png',
        mimeType: 'image/png',
        size: 1,
        width: 1,
        height: 1,
        durationMs: null,
        source: 'upload',
      });
      let held!: () => void;
      const holding = new Promise<void>((resolve) => (held = resolve));
      const first = db.withMediaLock(item.id, 5_000, async (tx) => {
        held();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.media.setShareState(item.id, { isShared: true, shareToCommunity: false, shareCode: 'written-by-first' });
      });
      await holding;
      const seen = await db.withMediaLock(
        item.id,
        5_000,
        async (tx) => (await tx.media.findOwnedShareState(user!.id, item.id))?.media.shareCode,
      );
      await first;
      expect(seen).toBe('written-by-first');
    } finally {
      await drop();
    }
  });

  it('reports a lock it could not get in time as LockTimeoutError', async () => {
    const { db, drop } = await openFresh('postgres');
    try {
      let held!: () => void;
      const holding = new Promise<void>((resolve) => (held = resolve));
      const first = db.withMediaLock(42, 5_000, async () => {
        held();
        await new Promise((resolve) => setTimeout(resolve, 600));
      });
      await holding;
      await expect(db.withMediaLock(42, 100, (tx) => tx.media.findOwnedShareState(1, 42))).rejects.toBeInstanceOf(
        LockTimeoutError,
      );
      await first;
    } finally {
      await drop();
    }
  });
});
