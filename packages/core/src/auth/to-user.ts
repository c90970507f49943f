import type { UserRecord } from '../ports/records';
import type { TUser } from '../schemas/auth';

export const toUser = (user: UserRecord): TUser => ({
  id: user.id,
  email: user.email,
  username: user.username,
  role: user.role,
  showMature: user.showMature,
  createdAt: user.createdAt.toISOString(),
});
