import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { LockTimeoutError } from '@mediashare/core';
import { createDatabase, connect, schema } from '../src';
import { DRIVERS, openFresh } from './databases';

type Fresh = Awaited<ReturnType<typeof openFresh>>['db'];

/** Whether a request waits for the media lock of this item (in this test's own database). */
const isWaitingForLock = async (db: Fresh, mediaId: number) => {
  const rows = await db.connection.db.execute(
    sql`select 1 from pg_locks where locktype = 'advisory' and not granted and objid = ${mediaId}
        and database = (select oid from pg_database where datname = current_database())`,
  );
  return [...(rows as Iterable<unknown>)].length > 0;
};

/** Polls a condition; the pause between polls is not a guess at how long anything takes. */
const until = async (condition: () => Promise<boolean>) => {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe.each(DRIVERS)('shared counters and job locks on %s', (driver) => {
  it('never hands out more sign-in attempts than the budget, however many processes ask at once', async () => {
    const { db, url, drop } = await openFresh(driver);
    // A second process has its own connections; PGlite has only one process.
    const other = url ? createDatabase(await connect({ url, poolSize: 4 })) : db;
    try {
      const now = new Date('2026-03-01T12:00:00Z');
      const policy = { windowMs: 60_000, maxAttempts: 5 };
      const results = await Promise.all(
        Array.from({ length: 120 }, (_, i) => (i % 2 ? other : db).loginThrottle.reserve('user:1', now, policy)),
      );
      const granted = results.filter((r) => r.ok);
      expect(granted).toHaveLength(5);
      expect(granted.every((r) => r.ok && r.windowStartedAt.getTime() === now.getTime())).toBe(true);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.retryAt.getTime() === now.getTime() + 60_000)).toBe(true);

      // A released attempt can be taken once more, and only once.
      await db.loginThrottle.release('user:1', now);
      const later = new Date(now.getTime() + 30_000);
      const again = await Promise.all([1, 2, 3].map(() => other.loginThrottle.reserve('user:1', later, policy)));
      expect(again.filter((r) => r.ok)).toHaveLength(1);
      // A release for a window that has ended gives nothing to the next one.
      const next = new Date(now.getTime() + 60_000);
      expect(await db.loginThrottle.reserve('user:1', next, policy)).toEqual({ ok: true, windowStartedAt: next });
      await db.loginThrottle.release('user:1', now);
      const rest = await Promise.all(Array.from({ length: 6 }, () => db.loginThrottle.reserve('user:1', next, policy)));
      expect(rest.filter((r) => r.ok)).toHaveLength(4);

      // Only windows that have ended are stale.
      await db.loginThrottle.reserve('ip:10.0.0.1', now, policy);
      expect(await db.loginThrottle.deleteStale(new Date(now.getTime() + 1))).toBe(1);
      expect((await db.loginThrottle.reserve('ip:10.0.0.1', next, policy)).ok).toBe(true);
      expect((await db.connection.db.select().from(schema.loginThrottle)).map((r) => r.key).sort()).toEqual([
        'ip:10.0.0.1',
        'user:1',
      ]);
    } finally {
      if (other !== db) await other.close();
      await drop();
    }
  });

  it('lets exactly `limit` of many concurrent requests spend from one budget, across connections', async () => {
    const { db, url, drop } = await openFresh(driver);
    const other = url ? createDatabase(await connect({ url, poolSize: 4 })) : db;
    try {
      const now = new Date();
      const policy = { limit: 7, windowMs: 60_000 };
      const spent = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? other : db).rateLimits.spend('uploads:account:1', now, policy)),
      );
      expect(spent.filter((s) => s.allowed)).toHaveLength(7);
      expect(
        spent
          .filter((s) => s.allowed)
          .map((s) => s.hits)
          .sort((a, b) => a - b),
      ).toEqual([1, 2, 3, 4, 5, 6, 7]);
      // A refusal counts nothing and says when the window ends.
      expect(spent.find((s) => !s.allowed)).toEqual({ allowed: false, hits: 7, resetsAt: new Date(now.getTime() + 60_000) });
      const [row] = await db.connection.db.select().from(schema.rateLimits);
      expect(row).toMatchObject({ key: 'uploads:account:1', hits: 7 });
    } finally {
      if (other !== db) await other.close();
      await drop();
    }
  });

  it('starts a new window once the last one has ended, and deletes ended windows', async () => {
    const { db, drop } = await openFresh(driver);
    try {
      const start = new Date('2026-03-01T10:00:00.000Z');
      const at = (ms: number) => new Date(start.getTime() + ms);
      const policy = { limit: 2, windowMs: 60_000 };
      await db.rateLimits.spend('shares:account:1', start, policy);
      await db.rateLimits.spend('shares:account:1', at(59_999), policy);
      expect(await db.rateLimits.spend('shares:account:1', at(59_999), policy)).toMatchObject({ allowed: false, hits: 2 });
      await db.rateLimits.spend('shares:account:2', at(30_000), policy);
      expect(await db.rateLimits.spend('shares:account:1', at(60_000), policy)).toEqual({
        allowed: true,
        hits: 1,
        resetsAt: at(120_000),
      });
      // At 90 s the second key's window (30 s to 90 s) has ended; the first's (60 s to 120 s) has not.
      expect(await db.rateLimits.deleteExpired(at(90_000))).toBe(1);
      const rows = await db.connection.db.select({ key: schema.rateLimits.key }).from(schema.rateLimits);
      expect(rows).toEqual([{ key: 'shares:account:1' }]);
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
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const first = db.runExclusive('storage-sweep', () => {
        started();
        return new Promise<string>((resolve) => (release = () => resolve('first')));
      });
      // The job runs only once its lock is held: from here on the lock is taken, however slow the machine.
      await running;
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
        // Write only once the second request is queued behind this lock, so it must wait and then see the write.
        await until(() => isWaitingForLock(db, item.id));
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
      let release!: () => void;
      const holding = new Promise<void>((resolve) => (held = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      // Held until the second request has given up, so its 100 ms lock_timeout must expire whatever the load.
      const first = db.withMediaLock(42, 5_000, async () => {
        held();
        await released;
      });
      await holding;
      await expect(db.withMediaLock(42, 100, (tx) => tx.media.findOwnedShareState(1, 42))).rejects.toBeInstanceOf(
        LockTimeoutError,
      );
      release();
      await first;
    } finally {
      await drop();
    }
  });
});
