import type { ShareDraft } from '@mediashare/core/schemas';
import { describe, expect, it } from 'vitest';
import { describeBlocker, shareHints, toShareInput } from './share-form';

const draft = (overrides: Partial<ShareDraft> = {}): ShareDraft => ({
  source: 'upload',
  shareToCommunity: true,
  tags: [],
  policyAgreed: false,
  ...overrides,
});
const LIMIT = 10;

describe('the share form', () => {
  it('says what is missing in the order a person fixes it', () => {
    expect(shareHints(draft(), LIMIT)).toEqual(['Choose at least one tag.', 'Agree to the community sharing policy.']);
    expect(shareHints(draft({ tags: Array.from({ length: 3 }, (_, i) => `t${i}`) }), 2)).toEqual([
      'Choose at most 2 tags.',
      'Agree to the community sharing policy.',
    ]);
    expect(shareHints(draft({ tags: ['night'], policyAgreed: true }), LIMIT)).toEqual([]);
    expect(describeBlocker('too-many-tags', 2)).toBe('Choose at most 2 tags.');
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
