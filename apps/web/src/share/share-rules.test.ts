import { describe, expect, it } from 'vitest';
import { canShare, describeBlocker, findShareBlockers, toShareInput, type ShareDraft } from './share-rules';

const draft = (overrides: Partial<ShareDraft> = {}): ShareDraft => ({
  source: 'upload',
  shareToCommunity: true,
  tags: [],
  policyAgreed: false,
  ...overrides,
});
const tags = (n: number) => Array.from({ length: n }, (_, i) => `tag-${i}`);
const LIMIT = 10;

describe('share rules', () => {
  it('needs tags and the policy for an upload shared to the community', () => {
    expect(findShareBlockers(draft(), LIMIT)).toEqual(['tags-required', 'policy-required']);
    expect(findShareBlockers(draft({ tags: ['night'] }), LIMIT)).toEqual(['policy-required']);
    expect(findShareBlockers(draft({ policyAgreed: true }), LIMIT)).toEqual(['tags-required']);
    expect(canShare(draft({ tags: ['night'], policyAgreed: true }), LIMIT)).toBe(true);
  });

  it('lets any item be shared as a link only', () => {
    expect(canShare(draft({ shareToCommunity: false }), LIMIT)).toBe(true);
    expect(canShare(draft({ shareToCommunity: false, tags: tags(30) }), LIMIT)).toBe(true);
  });

  it('lets generated media go to the community without tags or agreement', () => {
    for (const source of ['smart-caption', 'babecock', 'hypnococks'] as const) {
      expect(canShare(draft({ source }), LIMIT)).toBe(true);
    }
  });

  it('enforces the server’s tag limit', () => {
    expect(canShare(draft({ tags: tags(10), policyAgreed: true }), LIMIT)).toBe(true);
    expect(findShareBlockers(draft({ tags: tags(11), policyAgreed: true }), LIMIT)).toEqual(['too-many-tags']);
    expect(canShare(draft({ tags: tags(3), policyAgreed: true }), 2)).toBe(false);
    expect(describeBlocker('too-many-tags', 2)).toBe('Choose at most 2 tags.');
  });

  it('still asks for tags while the limit is unknown', () => {
    expect(findShareBlockers(draft({ policyAgreed: true }), undefined)).toEqual(['tags-required']);
  });

  it('sends tags and agreement only with a community share of an upload', () => {
    expect(toShareInput(draft({ tags: ['night'], policyAgreed: true }))).toEqual({
      shareToCommunity: true,
      tags: ['night'],
      policyAgreed: true,
    });
    expect(toShareInput(draft({ shareToCommunity: false, tags: ['night'], policyAgreed: true }))).toEqual({
      shareToCommunity: false,
    });
    expect(toShareInput(draft({ source: 'babecock', tags: ['night'] }))).toEqual({ shareToCommunity: true });
  });
});
