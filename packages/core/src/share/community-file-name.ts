import { randomBytes } from 'node:crypto';

/** `Beach Photo.JPG` becomes `beach_photo-a1b2c3d4.jpg`: readable, unique, safe in any URL. */
export const communityFileName = (originalName: string, ext: string): string => {
  const stem = originalName.replace(/\.[^.]*$/, '');
  const slug =
    stem
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60) || 'media';
  return `${slug}-${randomBytes(4).toString('hex')}.${ext}`;
};
