import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import type { App } from '../../src/app';
import { createUser } from './factories';
import type { Harness } from './harness';

/** A signed-in admin: a fresh user whose role is set in the database, as the operator's command does. */
export const createAdmin = async (h: Pick<Harness, 'sql'> & { app: App }) => {
  const user = await createUser(h.app);
  await h.sql.update(schema.users).set({ role: 'admin' }).where(eq(schema.users.id, user.id));
  return user;
};
