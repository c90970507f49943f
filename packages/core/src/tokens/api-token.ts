import { createHash, randomBytes } from 'node:crypto';
import type { ApiTokenRecord } from '../ports/records';
import type { TApiToken, TTokenScope } from '../schemas/tokens';

const PREFIX = 'msk_';
const FORMAT = /^msk_[A-Za-z0-9_-]{43}$/;

/** `msk_` and 256 random bits; recognisable in logs and secret scanners, useless without the database. */
export const newApiToken = () => {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashApiToken(token), prefix: token.slice(0, PREFIX.length + 6) };
};

export const hashApiToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const isWellFormedApiToken = (token: string) => FORMAT.test(token);

export const toApiToken = (record: ApiTokenRecord): TApiToken => ({
  id: record.id,
  name: record.name,
  prefix: record.prefix,
  scopes: record.scopes as TTokenScope[],
  createdAt: record.createdAt.toISOString(),
  lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
  expiresAt: record.expiresAt?.toISOString() ?? null,
});
