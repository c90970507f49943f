import { randomUUID } from 'node:crypto';
import { BUCKETS } from '../ports/storage';
import { GENERATED_SOURCES, type TGeneratedSource, type TMediaSource } from '../schemas/common';

/** `<userId>/uploads/<random>.<ext>` or `<userId>/generated/<source>/<random>.<ext>` in `user-media`. */
export const vaultKeyFor = (userId: number, ext: string, source: 'upload' | TGeneratedSource): string => {
  const folder = source === 'upload' ? 'uploads' : `generated/${source}`;
  return `${userId}/${folder}/${randomUUID().replaceAll('-', '')}.${ext}`;
};

/**
 * The key a client's path names, if it is a plain key inside the caller's own folder of `user-media`
 * (optionally written with the bucket in front). Traversal of any spelling, absolute paths and other
 * users' folders name nothing (null).
 */
export const ownedVaultKey = (userId: number, filePath: string): string | null => {
  const key = filePath.startsWith(`${BUCKETS.userMedia}/`) ? filePath.slice(BUCKETS.userMedia.length + 1) : filePath;
  // No decoding happens anywhere, so '%' and '\' can only be attempts to smuggle a separator.
  // eslint-disable-next-line no-control-regex
  if (/[%\\\u0000-\u001f\u007f]/.test(key)) return null;
  const segments = key.split('/');
  if (segments.length < 2 || segments[0] !== String(userId)) return null;
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  return key;
};

/** `<userId>/generated/<source>/...` is generated media of that source; anything else is an upload. */
export const sourceFromKey = (key: string): TMediaSource => {
  const [, folder, source] = key.split('/');
  return folder === 'generated' && (GENERATED_SOURCES as readonly string[]).includes(source ?? '')
    ? (source as TMediaSource)
    : 'upload';
};
