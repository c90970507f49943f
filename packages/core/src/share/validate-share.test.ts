import { describe, expect, it } from 'vitest';
import type { TagRepo } from '../ports/database';
import type { TShareOptions } from '../schemas/share';
import { validateShare } from './validate-share';

const TAGS = [
  { id: 1, slug: 'night', label: 'Night', active: true },
  { id: 2, slug: 'urban', label: 'Urban', active: true },
  { id: 3, slug: 'street', label: 'Street', active: true },
  { id: 4, slug: 'retired', label: 'Retired', active: false },
];
const tags: Pick<TagRepo, 'findActiveBySlugs'> = {
  findActiveBySlugs: async (slugs) => TAGS.filter((t) => t.active && slugs.includes(t.slug)),
};
/** A tag list that must not be consulted. */
const untouched: Pick<TagRepo, 'findActiveBySlugs'> = {
  findActiveBySlugs: async () => {
    throw new Error('looked the tags up');
  },
};
const options = (overrides: Partial<TShareOptions> = {}): TShareOptions => ({
  shareToCommunity: true,
  tags: [],
  policyAgreed: false,
  ...overrides,
});
const check = (source: 'upload' | 'babecock', input: TShareOptions, repo = tags) =>
  validateShare({ tags: repo, maxTags: 2 }, source, input);

describe('validateShare', () => {
  it('lets a link-only share through whatever it carries, without looking at tags', async () => {
    expect(await check('upload', options({ shareToCommunity: false, tags: ['nope', 'x', 'y'] }), untouched)).toEqual({
      shareToCommunity: false,
      tagIds: [],
      tagSlugs: [],
    });
  });

  it('asks an upload for the policy first, then for a tag, with the documented messages', async () => {
    await expect(check('upload', options(), untouched)).rejects.toMatchObject({
      status: 400,
      message: 'Policy confirmation is required for upload sharing',
    });
    await expect(check('upload', options({ policyAgreed: true }), untouched)).rejects.toMatchObject({
      status: 400,
      message: 'At least one tag is required for upload sharing',
    });
  });

  it('lets generated media go without tags or agreement', async () => {
    expect(await check('babecock', options())).toEqual({ shareToCommunity: true, tagIds: [], tagSlugs: [] });
  });

  it('normalises tags, then holds them to the limit and the active list, naming the unknown ones', async () => {
    expect(await check('upload', options({ tags: [' Night', 'night', 'URBAN'], policyAgreed: true }))).toEqual({
      shareToCommunity: true,
      tagSlugs: ['night', 'urban'],
      tagIds: [1, 2],
    });
    await expect(check('babecock', options({ tags: ['night', 'urban', 'street'] }), untouched)).rejects.toMatchObject({
      message: 'Too many tags: 3 given, at most 2 allowed',
    });
    await expect(check('babecock', options({ tags: ['nope'] }))).rejects.toMatchObject({ message: 'Unknown tag: nope' });
    await expect(check('babecock', options({ tags: ['retired', 'nah'] }))).rejects.toMatchObject({
      message: 'Unknown tags: retired, nah',
    });
  });
});
