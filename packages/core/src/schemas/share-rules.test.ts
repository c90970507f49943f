import { describe, expect, it } from 'vitest';
import { findShareBlockers, needsCommunityDetails, normaliseTagSlugs, type ShareDraft } from './share-rules';

const draft = (overrides: Partial<ShareDraft> = {}): ShareDraft => ({
  source: 'upload',
  shareToCommunity: true,
  tags: [],
  policyAgreed: false,
  ...overrides,
});
const tags = (n: number) => Array.from({ length: n }, (_, i) => `tag-${i}`);
const LIMIT = 10;

describe('the share rule', () => {
  it('needs the policy and tags for an upload shared to the community, in the documented order', () => {
    expect(findShareBlockers(draft(), LIMIT)).toEqual(['policy-required', 'tags-required']);
    expect(findShareBlockers(draft({ tags: ['night'] }), LIMIT)).toEqual(['policy-required']);
    expect(findShareBlockers(draft({ policyAgreed: true }), LIMIT)).toEqual(['tags-required']);
    expect(findShareBlockers(draft({ tags: ['night'], policyAgreed: true }), LIMIT)).toEqual([]);
  });

  it('lets any item be shared as a link only, whatever it carries', () => {
    expect(findShareBlockers(draft({ shareToCommunity: false }), LIMIT)).toEqual([]);
    expect(findShareBlockers(draft({ shareToCommunity: false, tags: tags(30) }), LIMIT)).toEqual([]);
    expect(needsCommunityDetails(draft({ shareToCommunity: false }))).toBe(false);
  });

  it('lets generated media go to the community without tags or agreement', () => {
    for (const source of ['smart-caption', 'babecock', 'hypnococks'] as const) {
      expect(findShareBlockers(draft({ source }), LIMIT)).toEqual([]);
      expect(needsCommunityDetails(draft({ source }))).toBe(false);
    }
  });

  it('holds every community share to the tag limit, counting tags as the server does', () => {
    expect(findShareBlockers(draft({ tags: tags(10), policyAgreed: true }), LIMIT)).toEqual([]);
    expect(findShareBlockers(draft({ tags: tags(11), policyAgreed: true }), LIMIT)).toEqual(['too-many-tags']);
    expect(findShareBlockers(draft({ source: 'babecock', tags: tags(3) }), 2)).toEqual(['too-many-tags']);
    // Spellings of one tag count once; blanks not at all.
    expect(findShareBlockers(draft({ tags: ['Night', ' night ', 'NIGHT', ' '], policyAgreed: true }), 1)).toEqual([]);
  });

  it('still asks for tags while the limit is unknown', () => {
    expect(findShareBlockers(draft({ policyAgreed: true }), undefined)).toEqual(['tags-required']);
    expect(findShareBlockers(draft({ tags: tags(500), policyAgreed: true }), undefined)).toEqual([]);
  });
});

describe('normaliseTagSlugs', () => {
  it('trims, lower-cases, drops blanks and keeps each slug once, in order', () => {
    expect(normaliseTagSlugs([' Night', 'urban ', 'NIGHT', '', '  ', 'street'])).toEqual(['night', 'urban', 'street']);
  });
});
