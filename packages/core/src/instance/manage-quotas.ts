import { toUser } from '../auth/to-user';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { UserUsageRow } from '../ports/records';
import type { TAdminUser } from '../schemas/instance';

const toAdminUser = ({ user, quotaBytes, usage, twoFactor }: UserUsageRow, defaultQuota: number | null): TAdminUser => ({
  ...toUser(user),
  usage,
  quota: quotaBytes ?? defaultQuota,
  quotaBytes,
  twoFactor,
});

/** Every account with what it stores, for admins. */
export const findUsersWithUsage = async ({ db, config, now }: Pick<CoreDeps, 'db' | 'config' | 'now'>) => ({
  users: (await db.storageUsage.listUsers(now())).map((row) => toAdminUser(row, config.defaultQuotaBytes)),
});

/**
 * Sets (or, with null, clears) an account's own quota. Lowering it under what the account stores already
 * removes nothing: its next uploads are refused until it is under again.
 */
export const updateUserQuota = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now' | 'logger'>,
  { adminId, userId, quotaBytes }: { adminId: number; userId: number; quotaBytes: number | null },
): Promise<TAdminUser> => {
  if (!(await deps.db.storageUsage.setQuota(userId, quotaBytes))) throw ERRORS.userNotFound();
  deps.logger.info({ adminId, userId, quotaBytes }, 'quota changed');
  const row = (await deps.db.storageUsage.listUsers(deps.now())).find((r) => r.user.id === userId);
  if (!row) throw ERRORS.userNotFound();
  return toAdminUser(row, deps.config.defaultQuotaBytes);
};
