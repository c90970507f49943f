import { describe, expect, it } from 'vitest';
import { formatFeedQuery, parseFeedQuery, withTag } from './feed-query';

describe('feed query', () => {
  it('reads tags and origin from the address', () => {
    expect(parseFeedQuery('?tags=night,urban&origin=uploaded')).toEqual({ tags: ['night', 'urban'], origin: 'uploaded' });
    expect(parseFeedQuery('')).toEqual({ tags: [], origin: undefined });
  });

  it('drops what the feed would refuse instead of failing', () => {
    expect(parseFeedQuery('?tags=Night,,night,bad%20tag,%3Cx%3E&origin=elsewhere')).toEqual({
      tags: ['night'],
      origin: undefined,
    });
    expect(parseFeedQuery('?tags=a,b,c,d,e,f,g').tags).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('writes a readable address that reads back the same', () => {
    const filters = { tags: ['night', 'black-and-white'], origin: 'generated' as const };
    expect(formatFeedQuery(filters)).toBe('?tags=night,black-and-white&origin=generated');
    expect(parseFeedQuery(formatFeedQuery(filters))).toEqual(filters);
    expect(formatFeedQuery({ tags: [], origin: undefined })).toBe('');
  });

  it('adds a tag once, and starts over at the limit', () => {
    const base = { tags: ['night'], origin: undefined };
    expect(withTag(base, 'urban').tags).toEqual(['night', 'urban']);
    expect(withTag(base, 'night')).toBe(base);
    expect(withTag({ tags: ['a', 'b', 'c', 'd', 'e'], origin: undefined }, 'f').tags).toEqual(['f']);
  });
});
