import { verifyPassword } from '../auth/password';
import { reserveSignIn } from '../auth/sign-in-budget';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { UserRecord } from '../ports/records';
import { createRecoveryCodes, createTotpSecret, hashRecoveryCode, matchTotpStep, otpauthUrlFor } from './totp';
import { verifySecondFactor } from './verify-second-factor';

/** A new secret, pending until a code from it is confirmed; a pending one is replaced, an enabled one never. */
export const startTwoFactorSetup = async ({ db }: Pick<CoreDeps, 'db'>, user: UserRecord) => {
  const secret = createTotpSecret();
  if (!(await db.twoFactor.setPending(user.id, secret))) throw ERRORS.twoFactorAlreadyEnabled();
  return { otpauthUrl: otpauthUrlFor(secret, user.username), secret };
};

/** Turns two-factor sign-in on once the authenticator shows a right code; the recovery codes are answered once. */
export const enableTwoFactor = async (
  deps: Pick<CoreDeps, 'db' | 'now' | 'logger'>,
  { user, code }: { user: UserRecord; code: string },
) => {
  const record = await deps.db.twoFactor.find(user.id);
  if (!record) throw ERRORS.twoFactorNotPending();
  if (record.enabledAt) throw ERRORS.twoFactorAlreadyEnabled();
  const step = matchTotpStep(record.secret, code.trim(), deps.now());
  if (step === null) throw ERRORS.twoFactorConfirmInvalid();
  const recoveryCodes = createRecoveryCodes();
  // The confirming code's step counts as used: it cannot sign in a second time.
  if (!(await deps.db.twoFactor.enable(user.id, step, deps.now(), recoveryCodes.map(hashRecoveryCode)))) {
    throw ERRORS.twoFactorAlreadyEnabled();
  }
  deps.logger.info({ userId: user.id }, 'two-factor sign-in enabled');
  return { recoveryCodes };
};

/**
 * Turning it off needs the password and a code (or a recovery code): a stolen session alone must not
 * remove the second factor. Both checks take an attempt from the sign-in budgets, as signing in does.
 */
export const disableTwoFactor = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now' | 'logger' | 'hashing'>,
  { user, password, code, ip }: { user: UserRecord; password: string; code: string; ip: string },
) => {
  const record = await deps.db.twoFactor.find(user.id);
  if (!record?.enabledAt) throw ERRORS.twoFactorNotEnabled();
  const attempt = await reserveSignIn(deps, { accountKey: `user:${user.id}`, ip });
  let passwordOk: boolean;
  try {
    passwordOk = await deps.hashing.run(ip, () => verifyPassword(password, user.passwordHash));
  } catch (error) {
    await attempt.release();
    throw error;
  }
  if (!passwordOk) throw ERRORS.passwordIncorrect();
  if (!(await verifySecondFactor(deps, record, code))) throw ERRORS.twoFactorConfirmInvalid();
  await attempt.release();
  await deps.db.twoFactor.disable(user.id);
  deps.logger.info({ userId: user.id }, 'two-factor sign-in disabled');
};
