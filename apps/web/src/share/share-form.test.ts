import type { ShareDraft } from '@mediashare/core/schemas';
import { describe, expect, it } from 'vitest';
import { describeBlocker, shareHints, toShareInput } from './share-form';

/** A fresh upload in the dialog, as it opens: community on, nothing chosen yet. */
const UPLOAD: ShareDraft = { source: 'upload', shareToCommunity: true, tags: [], policyAgreed: false };

describe('the share form', () => {
  it('says what is missing in the order a person fixes it', () => {
    expect(shareHints(UPLOAD, 10)).toEqual(['Choose at least one tag.', 'Agree to the community sharing policy.']);
    expect(shareHints({ ...UPLOAD, tags: ['a', 'b', 'c'] }, 2)).toEqual([
      'Choose at most 2 tags.',
      'Agree to the community sharing policy.',
    ]);
    expect(shareHints({ ...UPLOAD, tags: ['night'], policyAgreed: true }, 10)).toEqual([]);
    expect(describeBlocker('too-many-tags', 2)).toBe('Choose at most 2 tags.');
  });

  it('sends tags and agreement only with a community share of an upload', () => {
    expect(toShareInput({ ...UPLOAD, tags: ['night'], policyAgreed: true })).toEqual({
      shareToCommunity: true,
      tags: ['night'],
      policyAgreed: true,
    });
    expect(toShareInput({ ...UPLOAD, shareToCommunity: false, tags: ['night'], policyAgreed: true })).toEqual({
      shareToCommunity: false,
    });
    expect(toShareInput({ ...UPLOAD, source: 'babecock', tags: ['night'] })).toEqual({ shareToCommunity: true });
  });
});
