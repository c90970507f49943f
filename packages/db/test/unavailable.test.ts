import { createServer, type AddressInfo } from 'node:net';
import { DatabaseUnavailableError } from '@mediashare/core';
import { describe, expect, it } from 'vitest';
import { connect, createDatabase, isConnectionLoss } from '../src';
import { DRIVERS, openFresh } from './databases';

/** A port on which nothing listens: taken, then given back. */
const closedPort = async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

describe('a database that does not answer', () => {
  it('is a DatabaseUnavailableError from every repository call, the lock, a transaction and ping', async () => {
    const db = createDatabase(await connect({ url: `postgres://postgres@127.0.0.1:${await closedPort()}/none`, poolSize: 1 }));
    try {
      await expect(db.ping()).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(db.users.findById(1)).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(db.media.findOwned(1, 1)).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(db.transaction((tx) => tx.users.findById(1))).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(db.withMediaLock(1, 100, (tx) => tx.users.findById(1))).rejects.toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      await db.close().catch(() => {});
    }
  });

  it('tells connection losses from statements the database refused', () => {
    expect(isConnectionLoss(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionLoss(new Error('query failed', { cause: Object.assign(new Error('x'), { code: '57P01' }) }))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('admin'), { code: '08006' }))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('duplicate'), { code: '23505' }))).toBe(false);
    expect(isConnectionLoss(new Error('plain'))).toBe(false);
  });
});

describe.each(DRIVERS)('statement errors on %s', (driver) => {
  it('stay what they are: only connection losses become DatabaseUnavailableError', async () => {
    const { db, drop } = await openFresh(driver);
    try {
      const error = await db
        .transaction(async (tx) => {
          await tx.users.findById(1);
          throw new Error('rolled back on purpose');
        })
        .catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(DatabaseUnavailableError);
      expect((error as Error).message).toBe('rolled back on purpose');
    } finally {
      await drop();
    }
  });
});
