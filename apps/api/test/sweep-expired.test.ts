import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runSweep } from '@mediashare/core';
import { openDatabase, schema } from '@mediashare/db';
import { describe, expect, inject, it } from 'vitest';
import { createHarness, openIsolatedDatabase, type TestDatabase } from './support/harness';

const root = path.resolve(import.meta.dirname, '../../..');
const HOUR = 3_600_000;
const onPostgres = inject('dbMode') === 'postgres';

/** A database of this test's own: an isolated PostgreSQL one, or PGlite on disk (so a command can open it). */
const openOwnDatabase = async (dataDir: string): Promise<TestDatabase> =>
  onPostgres ? openIsolatedDatabase() : openDatabase({ dataDir: path.join(dataDir, 'pglite') });

/**
 * Rows of every kind the sweep judges, at `now`: sessions past their idle and absolute deadlines and a live
 * one; sign-in budgets whose window (15 minutes by default) has ended and one that is still counting; a
 * password-reset link past its hour and a live one.
 */
const arrange = async (db: TestDatabase, now: Date) => {
  const at = (ms: number) => new Date(now.getTime() + ms);
  const created = await db.users.create({
    email: `sweep${now.getTime()}@example.test`,
    username: `sweep${now.getTime()}`,
    passwordHash: 'x',
  });
  if (!created.ok) throw new Error('user');
  const userId = created.user.id;
  const session = (id: string, expiresAt: Date, absoluteExpiresAt: Date) =>
    db.sessions.create({
      id,
      userId,
      createdAt: at(-48 * HOUR),
      lastSeenAt: at(-2 * HOUR),
      expiresAt,
      absoluteExpiresAt,
      deviceLabel: null,
    });
  await session('idle-expired', at(-HOUR), at(HOUR));
  await session('absolute-expired', at(-1), at(-1));
  await session('live', at(HOUR), at(2 * HOUR));
  const policy = { windowMs: 15 * 60_000, maxAttempts: 5 };
  await db.loginThrottle.reserve('user:stale', at(-20 * 60_000), policy);
  await db.loginThrottle.reserve('ip:203.0.113.1', at(-15 * 60_000), policy);
  await db.loginThrottle.reserve('user:counting', at(-5 * 60_000), policy);
  // Reset links live an hour.
  await db.passwordResets.create({ tokenHash: 'reset-expired', userId, createdAt: at(-2 * HOUR), expiresAt: at(-HOUR) });
  await db.passwordResets.create({ tokenHash: 'reset-live', userId, createdAt: at(-1), expiresAt: at(HOUR) });
};

const remaining = async (db: TestDatabase) => ({
  sessions: (await db.connection.db.select({ id: schema.sessions.id }).from(schema.sessions)).map((r) => r.id).sort(),
  budgets: (await db.connection.db.select({ key: schema.loginThrottle.key }).from(schema.loginThrottle)).map((r) => r.key).sort(),
  resetLinks: (await db.connection.db.select({ token: schema.passwordResets.tokenHash }).from(schema.passwordResets))
    .map((r) => r.token)
    .sort(),
});

const LEFT = { sessions: ['live'], budgets: ['user:counting'], resetLinks: ['reset-live'] };

describe('the sweep of expired rows', () => {
  it('runs in the server: deletes expired sessions and ended sign-in budgets, and keeps live ones', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mediashare-sweep-'));
    const db = await openOwnDatabase(dir);
    try {
      const now = new Date();
      await arrange(db, now);
      const h = await createHarness({ database: db, now: () => now });
      try {
        // What the server's timer calls (src/main.ts).
        const result = await runSweep(h.deps, { graceMs: 6 * HOUR });
        expect(result.expired).toEqual({ sessions: 2, signInBudgets: 2, resetLinks: 1, storageReservations: 0 });
        expect(await remaining(db)).toEqual(LEFT);
        expect((await runSweep(h.deps, { graceMs: 6 * HOUR })).expired).toEqual({
          sessions: 0,
          signInBudgets: 0,
          resetLinks: 0,
          storageReservations: 0,
        });
      } finally {
        await h.close();
      }
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('runs once by hand with pnpm sweep', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mediashare-sweep-cli-'));
    let db = await openOwnDatabase(dir);
    try {
      // The command reads the real clock: rows are arranged around it.
      await arrange(db, new Date());
      if (!onPostgres) await db.close(); // PGlite on disk has one owner at a time
      const { stdout } = await promisify(execFile)('pnpm', ['--silent', 'sweep'], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: onPostgres ? (db.url ?? '') : '', LOG_LEVEL: 'silent' },
      });
      expect(stdout).toContain(
        JSON.stringify({ expired: { sessions: 2, signInBudgets: 2, resetLinks: 1, storageReservations: 0 } }),
      );
      if (!onPostgres) db = await openOwnDatabase(dir);
      expect(await remaining(db)).toEqual(LEFT);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
