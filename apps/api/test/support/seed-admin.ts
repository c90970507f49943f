import path from 'node:path';
import { hashPassword } from '@mediashare/core';
import { openDatabase, schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';

// For the browser tests: an admin in a server's database before the server starts (the embedded database
// belongs to one process at a time). Reads DATABASE_URL or DATA_DIR, and the account from argv.
const [email, username, password] = process.argv.slice(2) as [string, string, string];
const db = await openDatabase({
  url: process.env.DATABASE_URL || undefined,
  dataDir: path.join(process.env.DATA_DIR ?? '', 'pglite'),
  poolSize: 1,
});
try {
  const created = await db.users.create({ email, username, passwordHash: await hashPassword(password, 1024) });
  if (!created.ok) throw new Error(`could not create ${username}: ${created.conflict} taken`);
  await db.connection.db.update(schema.users).set({ role: 'admin' }).where(eq(schema.users.id, created.user.id));
} finally {
  await db.close();
}
