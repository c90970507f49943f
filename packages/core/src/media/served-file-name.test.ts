import { describe, expect, it } from 'vitest';
import { cleanFileName } from './clean-file-name';
import { servedFileName } from './served-file-name';

describe('servedFileName', () => {
  it('keeps a name whose extension already says the sniffed type, in any case', () => {
    expect(servedFileName('Été.gif', 'image/gif')).toBe('Été.gif');
    expect(servedFileName('IMG_0001.JPEG', 'image/jpeg')).toBe('IMG_0001.JPEG');
    expect(servedFileName('clip.mov', 'video/quicktime')).toBe('clip.mov');
  });

  it('replaces an extension that says another type with the sniffed one', () => {
    expect(servedFileName('x.html', 'image/gif')).toBe('x.gif');
    expect(servedFileName('photo.svg', 'image/png')).toBe('photo.png');
    expect(servedFileName('archive.tar.gz', 'video/mp4')).toBe('archive.tar.mp4');
  });

  it('adds the extension to a name without one, and names a bare extension', () => {
    expect(servedFileName('holiday', 'image/webp')).toBe('holiday.webp');
    expect(servedFileName('.html', 'image/gif')).toBe('file.gif');
  });
});

describe('cleanFileName', () => {
  it('stores a name as sent, in NFC', () => {
    const decomposed = 'E\u0301te\u0301.gif';
    expect(cleanFileName(decomposed, 'gif')).toBe('\u00c9t\u00e9.gif');
    expect(cleanFileName('Été.gif', 'gif')).toBe('Été.gif');
  });
});
