import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { toUser } from '../auth/to-user';

/**
 * For the operator's command only (`pnpm admin:grant <email>`): no route or procedure grants the role, so
 * an admin can only be made by someone who can run commands next to the database.
 */
export const grantAdmin = async ({ db, logger }: Pick<CoreDeps, 'db' | 'logger'>, { email }: { email: string }) => {
  const wanted = email.trim().toLowerCase();
  const user = await db.users.findByLogin(wanted);
  // By email only: a username that happens to look like someone's address must not pick the wrong account.
  if (!user || user.email.toLowerCase() !== wanted) throw ERRORS.userNotFound();
  const wasAdmin = user.role === 'admin';
  if (!wasAdmin) await db.users.setRole(user.id, 'admin');
  logger.info({ userId: user.id, wasAdmin }, 'admin role granted');
  return { user: { ...toUser(user), role: 'admin' as const }, wasAdmin };
};
