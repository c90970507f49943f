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
const ALIASES: Record<string, number> = { nite: 1, 'after-dark': 1, city: 2 };
const tags: Pick<TagRepo, 'resolve' | 'findVocabulary'> = {
  resolve: async (names) =>
    names.flatMap((name) => {
      const tag = TAGS.find((t) => t.active && (t.slug === name || ALIASES[name] === t.id));
      return tag ? [{ ...tag, name }] : [];
    }),
  findVocabulary: async () =>
    TAGS.filter((t) => t.active).map((t) => ({
      ...t,
      itemCount: 0,
      aliases: Object.keys(ALIASES).filter((a) => ALIASES[a] === t.id),
    })),
};
/** A tag list that must not be consulted. */
const untouched: Pick<TagRepo, 'resolve' | 'findVocabulary'> = {
  resolve: async () => {
    throw new Error('looked the tags up');
  },
  findVocabulary: async () => {
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
      texts: {},
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
    expect(await check('babecock', options())).toEqual({
      shareToCommunity: true,
      tagIds: [],
      tagSlugs: [],
      texts: { title: undefined, caption: undefined, altText: undefined },
    });
  });

  it('normalises tags, then holds them to the limit and the active list, naming the unknown ones', async () => {
    expect(await check('upload', options({ tags: [' Night', 'night', 'URBAN'], policyAgreed: true }))).toEqual({
      shareToCommunity: true,
      tagSlugs: ['night', 'urban'],
      tagIds: [1, 2],
      texts: { title: undefined, caption: undefined, altText: undefined },
    });
    await expect(check('babecock', options({ tags: ['night', 'urban', 'street'] }), untouched)).rejects.toMatchObject({
      message: 'Too many tags: 3 given, at most 2 allowed',
    });
    await expect(check('babecock', options({ tags: ['nope'] }))).rejects.toMatchObject({ message: 'Unknown tag: nope' });
    await expect(check('babecock', options({ tags: ['retired', 'nah'] }))).rejects.toMatchObject({
      message: 'Unknown tags: retired, nah',
    });
  });

  it('resolves aliases to their canonical tag, once, and suggests close names for unknown ones', async () => {
    const share = await check('upload', options({ tags: ['nite', 'City'], policyAgreed: true }));
    expect(share).toMatchObject({ tagSlugs: ['night', 'urban'], tagIds: [1, 2] });
    const once = await check('upload', options({ tags: ['after-dark', 'night'], policyAgreed: true }));
    expect(once).toMatchObject({ tagSlugs: ['night'], tagIds: [1] });
    await expect(check('babecock', options({ tags: ['nigth'] }))).rejects.toMatchObject({
      status: 400,
      message: 'Unknown tag: nigth (did you mean night?)',
    });
    await expect(check('babecock', options({ tags: ['urb', 'zzzzzzzz'] }))).rejects.toMatchObject({
      message: 'Unknown tags: urb, zzzzzzzz (did you mean urban?)',
    });
    await expect(check('babecock', options({ tags: ['qqq'] }))).rejects.toMatchObject({ message: 'Unknown tag: qqq' });
  });

  it('keeps the texts as given, an empty one clearing its field', async () => {
    const share = await check('babecock', options({ title: '  Dusk  ', caption: 'line one\nline two', altText: '' }));
    expect(share.texts).toEqual({ title: '  Dusk  ', caption: 'line one\nline two', altText: null });
  });
});
