import type { TTag } from '@mediashare/core/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiHandlers } from '../../test/fake-api';
import { mediaItem as item } from '../../test/records';
import { renderWithApi } from '../../test/render';
import { ShareDialog } from './share-dialog';

const TAGS: TTag[] = [
  'Night',
  'Urban',
  'Beach',
  'Sunset',
  'Street',
  'Nature',
  'Indoor',
  'Studio',
  'Candid',
  'Travel',
  'Water',
  'Snow',
].map((label, i) => ({ id: i + 1, slug: label.toLowerCase(), label, aliases: [], count: 0 }));

const LIMITS = { maxUploadBytes: 2 * 1024 ** 3, maxImagePixels: 50_000_000, maxTagsPerMedia: 10 };

const shareResult = { shareCode: 'abcdefghijklmnopqrstuv', shareUrl: '/shared/media/abcdefghijklmnopqrstuv' };
const fullUrl = `${window.location.origin}${shareResult.shareUrl}`;

const setup = (media = item(), handlers: ApiHandlers = {}) => {
  const onClose = vi.fn();
  const view = renderWithApi(<ShareDialog item={media} onClose={onClose} />, {
    'tags.list': () => TAGS,
    'config.get': () => LIMITS,
    'share.create': () => shareResult,
    'share.delete': () => ({ ...media, isShared: false, shareToCommunity: false, shareCode: null, shareUrl: null }),
    'media.list': () => ({ items: [], nextCursor: null }),
    'community.list': () => ({ items: [], nextCursor: null }),
    ...handlers,
  });
  const dialog = screen.getByRole('dialog', { name: 'Share “beach.jpg”' });
  const shareButton = () => within(dialog).getByRole('button', { name: /^(Share|Update sharing|Sharing…)$/ });
  const pickTag = async (label: string) => view.user.click(await within(dialog).findByRole('option', { name: label }));
  const agree = () => view.user.click(within(dialog).getByRole('checkbox', { name: /I agree to the community sharing policy/ }));
  return { ...view, dialog, onClose, shareButton, pickTag, agree };
};

describe('ShareDialog', () => {
  it('asks for alt text on a picture without requiring it, and sends the texts given', async () => {
    const { dialog, user, api, shareButton, pickTag, agree } = setup();
    const alt = within(dialog).getByRole('textbox', { name: 'Alt text' });
    expect(alt).toHaveAccessibleDescription(/Add alt text: describe the picture/);
    await pickTag('Night');
    await agree();
    // A hint, not a requirement.
    expect(shareButton()).toBeEnabled();
    await user.type(within(dialog).getByRole('textbox', { name: 'Title (optional)' }), 'Low tide');
    await user.type(alt, 'Wet sand at low tide');
    expect(alt).toHaveAccessibleDescription('Screen readers read this instead of the picture.');
    await user.click(shareButton());
    await within(dialog).findByText('Shared to the Community feed.');
    expect(api.callsTo('share.create')).toEqual([
      { id: 7, shareToCommunity: true, tags: ['night'], policyAgreed: true, title: 'Low tide', altText: 'Wet sand at low tide' },
    ]);
  });

  it('reopens a community item with its texts, tags and warning, and an edit of one keeps the others', async () => {
    const shared = item({
      isShared: true,
      shareToCommunity: true,
      shareCode: shareResult.shareCode,
      shareUrl: shareResult.shareUrl,
    });
    const { dialog, user, api, shareButton } = setup(shared, {
      'share.state': () => ({
        ...shareResult,
        shareToCommunity: true,
        tags: ['night'],
        link: { expiresAt: null, maxViews: null, hasPassword: false, allowDownload: true, showMetadata: false },
        views: 3,
        title: 'Low tide',
        caption: 'Before the rain',
        altText: 'Wet sand at low tide',
        mature: true,
      }),
    });
    const title = within(dialog).getByRole('textbox', { name: 'Title (optional)' });
    await waitFor(() => expect(title).toHaveValue('Low tide'));
    expect(within(dialog).getByRole('textbox', { name: 'Alt text' })).toHaveValue('Wet sand at low tide');
    const caption = within(dialog).getByRole('textbox', { name: 'Caption (optional)' });
    expect(caption).toHaveValue('Before the rain');
    expect(within(dialog).getByRole('checkbox', { name: /Mature content/ })).toBeChecked();
    expect(within(dialog).getByRole('button', { name: /Remove night/i })).toBeInTheDocument();

    await user.type(title, ', fixed');
    await user.clear(caption);
    await user.click(shareButton());
    await within(dialog).findByText('Shared to the Community feed.');
    // The untouched alt text and warning go back as they were; the emptied caption is cleared.
    expect(api.callsTo('share.create')).toEqual([
      {
        id: 7,
        shareToCommunity: true,
        tags: ['night'],
        policyAgreed: true,
        mature: true,
        title: 'Low tide, fixed',
        caption: '',
        altText: 'Wet sand at low tide',
      },
    ]);
  });

  it('offers no alt text field for a video, and no texts for a link-only share', async () => {
    const { dialog, user } = setup(item({ mimeType: 'video/mp4', fileName: 'beach.jpg' }));
    expect(within(dialog).queryByRole('textbox', { name: 'Alt text' })).toBeNull();
    expect(within(dialog).getByRole('textbox', { name: 'Caption (optional)' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('checkbox', { name: /Share to Community Feed/ }));
    expect(within(dialog).queryByRole('textbox', { name: 'Title (optional)' })).toBeNull();
  });

  it('finds a tag by its alias', async () => {
    const { dialog, user } = setup(item(), {
      'tags.list': () => TAGS.map((t) => (t.slug === 'night' ? { ...t, aliases: ['nite'] } : t)),
    });
    await within(dialog).findByRole('option', { name: 'Night' });
    await user.type(within(dialog).getByRole('combobox', { name: 'Search tags' }), 'nite');
    expect(
      within(within(dialog).getByRole('listbox', { name: 'Tags' }))
        .getAllByRole('option')
        .map((c) => c.textContent),
    ).toEqual(['Night']);
  });

  it('starts with the community on and allows Share only once an upload has tags and the agreement', async () => {
    const { dialog, shareButton, pickTag, agree } = setup();
    expect(within(dialog).getByRole('checkbox', { name: /Share to Community Feed/ })).toBeChecked();
    expect(shareButton()).toBeDisabled();
    expect(within(dialog).getByText(/Choose at least one tag\..*Agree to the community sharing policy\./)).toBeInTheDocument();

    await pickTag('Night');
    expect(within(dialog).getByText('1 of 10')).toBeInTheDocument();
    expect(shareButton()).toBeDisabled();
    await agree();
    expect(shareButton()).toBeEnabled();

    await pickTag('Night');
    expect(shareButton()).toBeDisabled();
  });

  it('offers only canonical tags, searchable, with Enter picking the first match', async () => {
    const { dialog, user } = setup();
    await within(dialog).findByRole('option', { name: 'Night' });
    const options = within(dialog).getByRole('listbox', { name: 'Tags' });
    expect(within(options).getAllByRole('option')).toHaveLength(TAGS.length);

    await user.type(within(dialog).getByRole('combobox', { name: 'Search tags' }), 'str');
    expect(
      within(options)
        .getAllByRole('option')
        .map((c) => c.textContent),
    ).toEqual(['Street']);
    await user.keyboard('{Enter}');
    expect(within(dialog).getByRole('button', { name: 'Remove Street' })).toBeInTheDocument();
    expect(within(dialog).getByRole('combobox', { name: 'Search tags' })).toHaveValue('');

    await user.type(within(dialog).getByRole('combobox', { name: 'Search tags' }), 'zebra');
    expect(within(dialog).getByText('No tag matches “zebra”.')).toBeInTheDocument();
  });

  it('stops at the server’s tag limit and says so', async () => {
    const { dialog, pickTag } = setup(item(), { 'config.get': () => ({ ...LIMITS, maxTagsPerMedia: 3 }) });
    for (const tag of TAGS.slice(0, 3)) await pickTag(tag.label);
    expect(within(dialog).getByText('3 of 3')).toBeInTheDocument();
    expect(within(dialog).getByRole('option', { name: 'Sunset' })).toHaveAttribute('aria-disabled', 'true');
    expect(within(dialog).getByRole('option', { name: 'Night' })).toHaveAttribute('aria-disabled', 'false');
  });

  it('offers no tags until the limit is known', async () => {
    const { dialog } = setup(item(), {
      'config.get': () => {
        throw new ApiError(500, 'Internal server error');
      },
    });
    expect(await within(dialog).findByText(/Could not load the tags/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('option', { name: 'Night' })).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Share' })).toBeDisabled();
  });

  it('sends the tags and agreement, then copies the full link and shows it', async () => {
    const { dialog, api, user, shareButton, pickTag, agree } = setup();
    await pickTag('Night');
    await pickTag('Urban');
    await agree();
    await user.click(shareButton());

    expect(await within(dialog).findByText('Link copied to clipboard.')).toBeInTheDocument();
    expect(api.callsTo('share.create')).toEqual([
      { id: 7, shareToCommunity: true, tags: ['night', 'urban'], policyAgreed: true },
    ]);
    expect(await navigator.clipboard.readText()).toBe(fullUrl);
    expect(within(dialog).getByRole('textbox', { name: 'Share link' })).toHaveValue(fullUrl);
    expect(within(dialog).getByText('Shared to the Community feed.')).toBeInTheDocument();
    expect(shareButton()).toHaveTextContent('Update sharing');
  });

  it('shares a link only, with no tags or agreement needed', async () => {
    const { dialog, api, user, shareButton } = setup();
    await user.click(within(dialog).getByRole('checkbox', { name: /Share to Community Feed/ }));
    expect(within(dialog).queryByRole('combobox', { name: 'Search tags' })).not.toBeInTheDocument();
    expect(shareButton()).toBeEnabled();
    await user.click(shareButton());
    await within(dialog).findByText('Link copied to clipboard.');
    expect(api.callsTo('share.create')).toEqual([{ id: 7, shareToCommunity: false }]);
  });

  it('lets generated media go to the community without tags or agreement', async () => {
    const { dialog, api, user, shareButton } = setup(item({ source: 'babecock' }));
    expect(within(dialog).queryByRole('combobox', { name: 'Search tags' })).not.toBeInTheDocument();
    expect(shareButton()).toBeEnabled();
    await user.click(shareButton());
    await within(dialog).findByText('Link copied to clipboard.');
    expect(api.callsTo('share.create')).toEqual([{ id: 7, shareToCommunity: true }]);
  });

  it('shows the server’s refusal inside the dialog', async () => {
    const { dialog, user, shareButton, pickTag, agree } = setup(item(), {
      'share.create': () => {
        throw new ApiError(400, 'Unknown tag: night');
      },
    });
    await pickTag('Night');
    await agree();
    await user.click(shareButton());
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Unknown tag: night');
    expect(within(dialog).queryByRole('textbox', { name: 'Share link' })).not.toBeInTheDocument();
  });

  it('falls back to the read-only field when the clipboard refuses', async () => {
    const { dialog, user, shareButton } = setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    await user.click(within(dialog).getByRole('checkbox', { name: /Share to Community Feed/ }));
    await user.click(shareButton());
    expect(await within(dialog).findByText(/Could not copy automatically/)).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Share link' })).toHaveValue(fullUrl);
  });

  it('removes an item from the community and then deletes its link', async () => {
    const shared = item({
      isShared: true,
      shareToCommunity: true,
      shareCode: shareResult.shareCode,
      shareUrl: shareResult.shareUrl,
    });
    const { dialog, api, user } = setup(shared);
    expect(within(dialog).getByRole('textbox', { name: 'Share link' })).toHaveValue(fullUrl);

    await user.click(within(dialog).getByRole('button', { name: 'Remove from Community' }));
    expect(await within(dialog).findByText('Removed from the Community feed. The link still works.')).toBeInTheDocument();
    expect(api.callsTo('share.create')).toEqual([{ id: 7, shareToCommunity: false }]);
    expect(within(dialog).getByRole('checkbox', { name: /Share to Community Feed/ })).not.toBeChecked();
    expect(within(dialog).queryByRole('button', { name: 'Remove from Community' })).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Delete link…' }));
    expect(api.callsTo('share.delete')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Delete link' }));
    expect(await within(dialog).findByText(/Link deleted/)).toBeInTheDocument();
    expect(api.callsTo('share.delete')).toEqual([{ id: 7 }]);
    expect(within(dialog).queryByRole('textbox', { name: 'Share link' })).not.toBeInTheDocument();
  });

  it('closes from its close button', async () => {
    const { dialog, user, onClose } = setup();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
  });
});

describe('the tag picker', () => {
  it('is one keyboard stop: arrows move through the matches, Enter picks and drops, Backspace drops the last', async () => {
    const { dialog, user } = setup();
    const combobox = await within(dialog).findByRole('combobox', { name: 'Search tags' });
    await within(dialog).findByRole('option', { name: 'Night' });
    await user.click(combobox);
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(within(dialog).getByRole('option', { name: 'Beach' })).toHaveAttribute('aria-selected', 'true');
    expect(combobox).toHaveAttribute('aria-activedescendant', within(dialog).getByRole('option', { name: 'Beach' }).id);
    await user.keyboard('{ArrowUp}{Enter}');
    expect(within(dialog).getByRole('option', { name: 'Urban' })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(within(dialog).getByRole('option', { name: 'Urban' })).toHaveAttribute('aria-selected', 'false');
    await user.keyboard('{Backspace}');
    expect(within(dialog).getByRole('option', { name: 'Beach' })).toHaveAttribute('aria-selected', 'false');

    // Tab leaves the picker at once: neither the options nor the chips are stops of their own.
    await user.keyboard('snow{Enter}');
    expect(within(dialog).getByRole('button', { name: 'Remove Snow' })).toHaveAttribute('tabindex', '-1');
    await user.tab();
    expect(within(dialog).getByRole('checkbox', { name: /I agree to the community sharing policy/ })).toHaveFocus();
  });
});

describe('after a change', () => {
  it('puts the focus on the result message', async () => {
    const { dialog, user, pickTag, agree, shareButton } = setup();
    await pickTag('Night');
    await agree();
    await user.click(shareButton());
    const notice = await within(dialog).findByText('Shared to the Community feed.');
    await waitFor(() => expect(notice).toHaveFocus());
  });
});
