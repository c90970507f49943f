import { InvalidKeyError } from '@mediashare/core';

const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const assertBucketName = (bucket: string): void => {
  if (!BUCKET_NAME.test(bucket)) throw new InvalidKeyError(bucket);
};

/**
 * A key is one or more `/`-separated segments, none empty, `.` or `..`, with no backslash, NUL or other
 * control character. Checked before any path is built, so no key can name a file outside its bucket.
 */
export const assertSafeKey = (key: string): void => {
  if (key.length === 0 || key.length > 1024 || key.startsWith('/')) throw new InvalidKeyError(key);
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(key)) throw new InvalidKeyError(key);
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') throw new InvalidKeyError(key);
  }
};

export const encodeKey = (key: string): string => key.split('/').map(encodeURIComponent).join('/');

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
};

/** For objects written without a recorded type (by hand, or by a process that died mid-write). */
export const contentTypeFromKey = (key: string): string =>
  CONTENT_TYPES[key.split('.').at(-1)?.toLowerCase() ?? ''] ?? 'application/octet-stream';
