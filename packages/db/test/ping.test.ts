import { describe, expect, it } from 'vitest';
import { DRIVERS, openFresh } from './databases';

describe.each(DRIVERS)('ping on %s', (driver) => {
  it('answers while the database does, and fails once it is gone', async () => {
    const { db, drop } = await openFresh(driver);
    try {
      await expect(db.ping()).resolves.toBeUndefined();
      await db.close();
      await expect(db.ping()).rejects.toThrow();
    } finally {
      await drop();
    }
  });
});
