import type { CoreDeps } from '../deps';
import type { TwoFactorRecord } from '../ports/records';
import { hashRecoveryCode, matchTotpStep } from './totp';

/**
 * Accepts the authenticator's code for a step newer than any accepted before (so a code seen once, even
 * by two requests at the same moment, works once), or an unused recovery code, which is crossed out.
 */
export const verifySecondFactor = async (
  { db, now }: Pick<CoreDeps, 'db' | 'now'>,
  record: TwoFactorRecord,
  code: string,
): Promise<'totp' | 'recovery' | null> => {
  const typed = code.trim();
  const step = matchTotpStep(record.secret, typed, now());
  if (step !== null) return (await db.twoFactor.acceptStep(record.userId, step)) ? 'totp' : null;
  if (/^\d{6}$/.test(typed)) return null;
  return (await db.twoFactor.useRecoveryCode(record.userId, hashRecoveryCode(typed), now())) ? 'recovery' : null;
};
