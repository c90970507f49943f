import { describe, expect, it } from 'vitest';
import { communityFileName } from './community-file-name';

describe('communityFileName', () => {
  it.each([
    ['beach_photo.jpg', 'jpg', 'beach_photo'],
    ['Beach Photo.JPG', 'jpg', 'beach_photo'],
    ['Café Ñandú (2).png', 'png', 'cafe_nandu_2'],
    // Everything after the last dot counts as the old extension: no separator survives either way.
    ['../../etc/passwd', 'png', 'media'],
    ['../../etc/passwd.png', 'png', 'etc_passwd'],
    ['no extension', 'webp', 'no_extension'],
    ['archive.tar.gz', 'gif', 'archive_tar'],
    ['🙂🙂.png', 'png', 'media'],
    ['', 'mp4', 'media'],
  ])('names %j after its slug: %s', (original, ext, slug) => {
    expect(communityFileName(original, ext)).toMatch(new RegExp(`^${slug.replace(/[()]/g, '\\$&')}-[0-9a-f]{8}\\.${ext}$`));
  });

  it('keeps the slug to 60 characters and gives every copy its own name', () => {
    const name = communityFileName(`${'x'.repeat(200)}.png`, 'png');
    expect(name).toMatch(/^x{60}-[0-9a-f]{8}\.png$/);
    expect(communityFileName('a.png', 'png')).not.toBe(communityFileName('a.png', 'png'));
  });

  it('uses the stored type’s extension, not the original name’s', () => {
    expect(communityFileName('photo.png', 'jpg')).toMatch(/^photo-[0-9a-f]{8}\.jpg$/);
  });
});
