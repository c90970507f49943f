import type { TAdminTag } from '@mediashare/core/schemas';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { TagsPage } from './tags-page';

const tag = (id: number, slug: string, overrides: Partial<TAdminTag> = {}): TAdminTag => ({
  id,
  slug,
  label: slug[0]!.toUpperCase() + slug.slice(1),
  active: true,
  aliases: [],
  count: 0,
  mergedInto: null,
  ...overrides,
});

/** A vocabulary behind the fake API that follows merges, aliases and updates as the server's does. */
const setup = () => {
  let tags = [
    tag(1, 'street', { count: 2, aliases: [{ alias: 'street-photography', origin: 'file' }] }),
    tag(2, 'urban', { count: 5, aliases: [{ alias: 'city', origin: 'file' }] }),
    tag(3, 'vintage', { active: false, count: 1 }),
    tag(4, 'twilight', { active: false, mergedInto: 'sunset' }),
  ];
  const view = renderWithApi(<TagsPage />, {
    'tags.admin.list': () => ({ tags }),
    'tags.admin.merge': ({ slug, into }: { slug: string; into: string }) => {
      const from = tags.find((t) => t.slug === slug)!;
      tags = tags.map((t) =>
        t.slug === slug
          ? { ...t, active: false, count: 0, aliases: [], mergedInto: into }
          : t.slug === into
            ? {
                ...t,
                count: t.count + from.count,
                aliases: [...t.aliases, ...from.aliases, { alias: slug, origin: 'admin' as const }],
              }
            : t,
      );
      return { moved: from.count, tag: tags.find((t) => t.slug === into) };
    },
    'tags.admin.createAlias': ({ slug, alias }: { slug: string; alias: string }) => {
      if (alias === 'city') throw new ApiError(409, '"city" is already an alias of the tag urban');
      tags = tags.map((t) => (t.slug === slug ? { ...t, aliases: [...t.aliases, { alias, origin: 'admin' as const }] } : t));
      return tags.find((t) => t.slug === slug);
    },
    'tags.admin.update': ({ slug, ...changes }: { slug: string; label?: string; active?: boolean }) => {
      tags = tags.map((t) => (t.slug === slug ? { ...t, ...changes } : t));
      return tags.find((t) => t.slug === slug);
    },
  });
  const row = async (slug: string) => (await screen.findByText(slug, { selector: 'th code' })).closest('tr')!;
  return { ...view, row };
};

describe('TagsPage', () => {
  it('lists every tag with its label, aliases, count and state; merged tags have no actions', async () => {
    const { row } = setup();
    const street = await row('street');
    expect(within(street).getByText('Street')).toBeInTheDocument();
    expect(within(street).getByText('street-photography')).toBeInTheDocument();
    expect(within(street).getByText('2')).toBeInTheDocument();
    expect(within(street).getByText('Active')).toBeInTheDocument();
    expect(within(await row('vintage')).getByRole('button', { name: 'Reactivate' })).toBeInTheDocument();
    const twilight = await row('twilight');
    expect(within(twilight).getByText('Merged into sunset')).toBeInTheDocument();
    expect(within(twilight).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByRole('table', { name: '4 of 4 tags' })).toBeInTheDocument();
  });

  it('merges only after confirming in a dialog that says what moves where', async () => {
    const { api, user, row } = setup();
    await user.click(within(await row('street')).getByRole('button', { name: 'Merge…' }));
    const dialog = screen.getByRole('dialog', { name: 'Merge “street” into another tag' });
    const select = within(dialog).getByLabelText('Merge into');
    expect(select).toHaveFocus();
    // Only active tags other than itself are offered.
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['', 'urban']);

    await user.click(within(dialog).getByRole('button', { name: 'Merge' }));
    expect(within(dialog).getByText('Choose the tag to merge into.')).toBeInTheDocument();
    expect(api.callsTo('tags.admin.merge')).toEqual([]);

    await user.selectOptions(select, 'urban');
    expect(within(dialog).getByText(/The 2 items tagged street will carry urban instead/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Merge into urban' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.callsTo('tags.admin.merge')).toEqual([{ slug: 'street', into: 'urban' }]);
    expect(await within(await row('street')).findByText('Merged into urban')).toBeInTheDocument();
    expect(within(await row('urban')).getByText('7')).toBeInTheDocument();
  });

  // Escape is the native dialog's, so the browser test presses it; here Cancel does the same.
  it('cancels a merge, gives focus back to its button and sends nothing', async () => {
    const { api, user, row } = setup();
    const open = within(await row('street')).getByRole('button', { name: 'Merge…' });
    await user.click(open);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(open).toHaveFocus();
    expect(api.callsTo('tags.admin.merge')).toEqual([]);
  });

  it('checks an alias before sending it and shows the API’s refusal inside the dialog', async () => {
    const { api, user, row } = setup();
    await user.click(within(await row('street')).getByRole('button', { name: 'Add alias' }));
    const dialog = screen.getByRole('dialog', { name: 'Add an alias to “street”' });
    const input = within(dialog).getByLabelText('Alias');
    expect(input).toHaveFocus();
    await user.type(input, 'a/b{Enter}');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByText(/^Alias must be lower-case words/)).toBeInTheDocument();
    expect(api.callsTo('tags.admin.createAlias')).toEqual([]);

    await user.clear(input);
    await user.type(input, 'city{Enter}');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('"city" is already an alias of the tag urban');

    await user.clear(input);
    await user.type(input, ' Roads {Enter}');
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.callsTo('tags.admin.createAlias').at(-1)).toEqual({ slug: 'street', alias: 'roads' });
    expect(await within(await row('street')).findByText('roads')).toBeInTheDocument();
  });

  it('renames, deactivates after confirming, and reactivates', async () => {
    const { api, user, row } = setup();
    await user.click(within(await row('urban')).getByRole('button', { name: 'Rename' }));
    const rename = screen.getByRole('dialog', { name: 'Rename “urban”' });
    await user.clear(within(rename).getByLabelText('Label'));
    await user.click(within(rename).getByRole('button', { name: 'Save label' }));
    expect(within(rename).getByText('Label must not be empty.')).toBeInTheDocument();
    await user.type(within(rename).getByLabelText('Label'), 'City life');
    await user.click(within(rename).getByRole('button', { name: 'Save label' }));
    expect(await within(await row('urban')).findByText('City life')).toBeInTheDocument();

    await user.click(within(await row('urban')).getByRole('button', { name: 'Deactivate…' }));
    const confirm = screen.getByRole('dialog', { name: 'Deactivate “urban”?' });
    await user.click(within(confirm).getByRole('button', { name: 'Deactivate' }));
    expect(await within(await row('urban')).findByText('Inactive')).toBeInTheDocument();
    await user.click(within(await row('urban')).getByRole('button', { name: 'Reactivate' }));
    expect(await within(await row('urban')).findByText('Active')).toBeInTheDocument();
    expect(api.callsTo('tags.admin.update')).toEqual([
      { slug: 'urban', label: 'City life' },
      { slug: 'urban', active: false },
      { slug: 'urban', active: true },
    ]);
  });

  it('filters by slug, label or alias', async () => {
    const { user, row } = setup();
    await row('street');
    await user.type(screen.getByLabelText('Filter tags'), 'city');
    expect(screen.getByRole('table', { name: '1 of 4 tags' })).toBeInTheDocument();
    expect(screen.queryByText('street', { selector: 'th code' })).not.toBeInTheDocument();
  });
});
