import type { CoreDeps } from '../deps';
import type { UserRecord } from '../ports/records';
import type { TTokenScope } from '../schemas/tokens';
import { hashApiToken, isWellFormedApiToken } from './api-token';

const TOUCH_EVERY_MS = 60_000;

/** The user and scopes a bearer token grants, or null when it is unknown, revoked or expired. */
export const authenticateApiToken = async (
  { db, now }: Pick<CoreDeps, 'db' | 'now'>,
  token: string,
): Promise<{ user: UserRecord; scopes: TTokenScope[]; tokenId: number } | null> => {
  if (!isWellFormedApiToken(token)) return null;
  const at = now();
  const found = await db.apiTokens.findActive(hashApiToken(token), at);
  if (!found) return null;
  if (!found.token.lastUsedAt || at.getTime() - found.token.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await db.apiTokens.touch(found.token.id, at);
  }
  return { user: found.user, scopes: found.token.scopes as TTokenScope[], tokenId: found.token.id };
};
