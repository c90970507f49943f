import { randomUUID } from 'node:crypto';
import type { TGeneratedSource } from '../schemas/common';

/** `<userId>/uploads/<random>.<ext>` or `<userId>/generated/<source>/<random>.<ext>` in `user-media`. */
export const vaultKeyFor = (userId: number, ext: string, source: 'upload' | TGeneratedSource): string => {
  const folder = source === 'upload' ? 'uploads' : `generated/${source}`;
  return `${userId}/${folder}/${randomUUID().replaceAll('-', '')}.${ext}`;
};

/** A display name: the last path segment, without control characters, never empty. */
export const cleanFileName = (name: string | undefined, fallbackExt: string): string => {
  const base = (name ?? '').split(/[/\\]/).at(-1) ?? '';
  // eslint-disable-next-line no-control-regex
  const controls = /[\u0000-\u001f\u007f]/g;
  const clean = base.replace(controls, '').trim().slice(0, 255);
  return clean.length > 0 ? clean : `upload.${fallbackExt}`;
};
