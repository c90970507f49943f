import type { CoreDeps } from '../deps';
import type { TAccountStatus } from '../schemas/instance';
import { getStorageUsage } from './storage-quota';

/** What the account stores and may store, and whether it signs in with a second factor. */
export const getAccountStatus = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now'>,
  userId: number,
): Promise<TAccountStatus> => {
  const [storage, twoFactor] = await Promise.all([getStorageUsage(deps, userId), deps.db.twoFactor.find(userId)]);
  return { ...storage, twoFactor: Boolean(twoFactor?.enabledAt) };
};
