import { toUser } from '../auth/to-user';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TUpdateProfileInput } from '../schemas/account';
import type { TUser } from '../schemas/auth';

/** A new username or email, under the uniqueness rules and messages of registration. */
export const updateProfile = async (
  { db, logger }: Pick<CoreDeps, 'db' | 'logger'>,
  { userId, ...changes }: TUpdateProfileInput & { userId: number },
): Promise<TUser> => {
  const updated = await db.users.update(userId, changes);
  if (!updated.ok) throw updated.conflict === 'email' ? ERRORS.emailTaken() : ERRORS.usernameTaken();
  logger.info({ userId, changed: Object.keys(changes) }, 'profile updated');
  return toUser(updated.user);
};
