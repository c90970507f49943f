export { disableTwoFactor, enableTwoFactor, startTwoFactorSetup } from './manage-two-factor';
export { verifySecondFactor } from './verify-second-factor';
export { createTotpSecret, matchTotpStep, otpauthUrlFor, totpCodeAt, TOTP_PERIOD_MS } from './totp';
