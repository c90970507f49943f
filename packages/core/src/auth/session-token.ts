import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits for the cookie; only its SHA-256 is stored, so a database leak yields no sessions. */
export const createSessionToken = (): { token: string; id: string } => {
  const token = randomBytes(32).toString('base64url');
  return { token, id: hashSessionToken(token) };
};

export const hashSessionToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const isWellFormedToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);
