import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30 s. */
export const TOTP_PERIOD_MS = 30_000;
const ISSUER = 'mediashare';

const totpFor = (secret: string, label = '') =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_MS / 1000,
    secret: Secret.fromBase32(secret),
  });

/** 160 random bits, base32 (RFC 4226's recommended key length). */
export const createTotpSecret = () => new Secret({ size: 20 }).base32;

export const otpauthUrlFor = (secret: string, label: string) => totpFor(secret, label).toString();

/** The code an authenticator shows at `now` (tests and the setup page's self-check). */
export const totpCodeAt = (secret: string, now: Date) => totpFor(secret).generate({ timestamp: now.getTime() });

/**
 * The time step a code belongs to, if it is the code of the step at `now` or of one step either side
 * (clocks drift, people type slowly); null otherwise. The caller refuses a step not newer than the last
 * one accepted, so a code works once.
 */
export const matchTotpStep = (secret: string, code: string, now: Date): number | null => {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / TOTP_PERIOD_MS) + delta;
};

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes of 10 characters (about 49 bits each), shown as `xxxxx-xxxxx`. */
export const createRecoveryCodes = (count = 10) =>
  Array.from({ length: count }, () => {
    const chars = [...randomBytes(10)].map((byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });

/** Case, spaces and dashes do not matter when a code is typed back. */
export const hashRecoveryCode = (code: string) =>
  createHash('sha256').update(code.toLowerCase().replace(/[\s-]/g, '')).digest('hex');
