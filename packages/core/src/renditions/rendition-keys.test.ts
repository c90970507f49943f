import { describe, expect, it } from 'vitest';
import { baseKeyOf, isDerivedKey, renditionKeyFor, strippedKeyFor } from './rendition-keys';

describe('rendition keys', () => {
  it('derives keys beside the object and reads the object back from them', () => {
    const key = '7/uploads/0123abcd.jpg';
    expect(renditionKeyFor(key, 'thumbnail')).toBe('7/uploads/0123abcd.jpg.thumbnail.webp');
    expect(renditionKeyFor(key, 'preview')).toBe('7/uploads/0123abcd.jpg.preview.webp');
    expect(strippedKeyFor(key)).toBe('7/uploads/0123abcd.jpg.stripped.jpg');
    for (const derived of [renditionKeyFor(key, 'thumbnail'), renditionKeyFor(key, 'preview'), strippedKeyFor(key)])
      expect(baseKeyOf(derived)).toBe(key);
  });

  it('does not take an uploaded object for a derived one', () => {
    expect(isDerivedKey('7/uploads/0123abcd.jpg')).toBe(false);
    expect(isDerivedKey('beach_photo-a1b2c3d4.webp')).toBe(false);
    expect(isDerivedKey('7/uploads/x.thumbnail.webp')).toBe(false);
    expect(isDerivedKey('clip-a1b2c3d4.mp4.poster.webp')).toBe(false);
  });
});
