import { z } from 'zod';
import { ERRORS } from '../errors/catalog';
import type { ErrorFactory } from '../errors/define-errors';
import { standaloneMessage } from './format';

const MAX_ID = 2_147_483_647;

/**
 * The one parser of each kind of id, for both transports: tRPC takes the number as sent, REST the path
 * segment when it is decimal digits. Anything else, negative, fractional or past what the database holds,
 * is that kind's 400, in the same words everywhere.
 */
const idOf = (invalid: ErrorFactory<void>, description: string) => {
  const error = standaloneMessage(invalid.answer().message);
  return z.number({ error }).int({ error }).min(1, { error }).max(MAX_ID, { error }).meta({ description, example: 456 });
};

export const ZMediaId = idOf(ERRORS.invalidMediaId, 'Media item ID');
export const ZCommunityId = idOf(ERRORS.invalidCommunityId, 'Community item ID');
export const ZTokenId = idOf(ERRORS.invalidTokenId, 'API token ID');
export const ZUserId = idOf(ERRORS.invalidUserId, 'User ID');
export const ZInviteId = idOf(ERRORS.invalidInviteId, 'Invite ID');
