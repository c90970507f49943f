import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TApiToken } from '../schemas/tokens';
import { toApiToken } from './api-token';

export const findApiTokens = async ({ db }: Pick<CoreDeps, 'db'>, userId: number): Promise<TApiToken[]> =>
  (await db.apiTokens.findForUser(userId)).map(toApiToken);

/** Revocation takes effect on the next request: every bearer request looks its token up again. */
export const revokeApiToken = async (
  { db, now, logger }: Pick<CoreDeps, 'db' | 'now' | 'logger'>,
  userId: number,
  id: number,
) => {
  if (!(await db.apiTokens.revoke(userId, id, now()))) throw ERRORS.tokenNotFound();
  logger.info({ userId, tokenId: id }, 'api token revoked');
};
