import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Stored answers are sealed with a key derived from the Idempotency-Key itself, and the key is stored
 * only as a hash: a copy of the database alone does not show what the answers held (a new API token's
 * secret, which the server otherwise keeps only as a hash).
 */
const sealingKey = (userId: number, key: string) =>
  Buffer.from(hkdfSync('sha256', key, `mediashare idempotency ${userId}`, 'answer', 32));

export const hashIdempotencyKey = (userId: number, key: string) => createHash('sha256').update(`${userId}:${key}`).digest('hex');

export const sealAnswer = (userId: number, key: string, body: unknown): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(userId, key), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(body ?? null), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64')).join('.');
};

export const openAnswer = (userId: number, key: string, sealed: string): unknown => {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(userId, key), iv!);
  decipher.setAuthTag(tag!);
  return JSON.parse(Buffer.concat([decipher.update(data!), decipher.final()]).toString('utf8'));
};

/** What a request was, for telling a retry from a different request under the same key. */
export const fingerprintOf = (operation: string, request: unknown) =>
  createHash('sha256')
    .update(`${operation}\n${canonicalJson(request)}`)
    .digest('hex');

/** JSON with object keys sorted, so the same request always gives the same text. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};
