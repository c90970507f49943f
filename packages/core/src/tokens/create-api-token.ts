import type { CoreDeps } from '../deps';
import type { TCreatedApiToken, TCreateTokenInput } from '../schemas/tokens';
import { newApiToken, toApiToken } from './api-token';

const DAY_MS = 24 * 3600_000;

export const createApiToken = async (
  { db, now, logger }: Pick<CoreDeps, 'db' | 'now' | 'logger'>,
  { userId, name, scopes, expiresInDays }: { userId: number } & Pick<TCreateTokenInput, 'name' | 'scopes' | 'expiresInDays'>,
): Promise<TCreatedApiToken> => {
  const { token, hash, prefix } = newApiToken();
  const record = await db.apiTokens.create({
    userId,
    name,
    tokenHash: hash,
    prefix,
    scopes: [...scopes],
    expiresAt: expiresInDays ? new Date(now().getTime() + expiresInDays * DAY_MS) : null,
  });
  logger.info({ userId, tokenId: record.id, scopes }, 'api token created');
  return { ...toApiToken(record), token };
};
