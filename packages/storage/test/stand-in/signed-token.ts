import { createHmac, timingSafeEqual } from 'node:crypto';

// Signed URLs carry an HS256 JWT `{ url: "<bucket>/<key>", iat, exp }`, as Storage issues them; the messages on
// failure are the ones its JWT library reports, which Storage passes on in the error body.

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (data: string, secret: string) => createHmac('sha256', secret).update(data).digest();

export const signUrlToken = (url: string, secret: string, expiresInSeconds: number, nowMs: number): string => {
  const iat = Math.floor(nowMs / 1000);
  const data = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ url, iat, exp: iat + expiresInSeconds })}`;
  return `${data}.${sign(data, secret).toString('base64url')}`;
};

/** The signed claims, or an Error whose message says why the token is refused. */
export const verifyUrlToken = (token: string, secret: string, nowMs: number): { url: string; exp: number } => {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || signature === undefined) throw new Error('jwt malformed');
  const expected = sign(`${header}.${payload}`, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('invalid signature');
  let claims: { url?: unknown; exp?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    throw new Error('jwt malformed');
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) throw new Error('jwt expired');
  if (typeof claims.url !== 'string') throw new Error('jwt malformed');
  return { url: claims.url, exp: claims.exp };
};
