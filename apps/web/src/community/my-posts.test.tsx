import type { TOwnPost } from '@mediashare/core/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { ApiError, type ApiHandlers } from '../../test/fake-api';
import { mediaItem, ownPost } from '../../test/records';
import { renderWithApi } from '../../test/render';
import { ProfilePage } from './profile-page';

const post = (id: number, overrides: Partial<TOwnPost> = {}) => ownPost(id, { owner: { username: 'ann' }, ...overrides });

const media = (id: number) =>
  mediaItem({
    id,
    fileName: 'dusk.jpg',
    filePath: `1/${id}.jpg`,
    width: 400,
    height: 300,
    isShared: true,
    shareToCommunity: true,
    shareCode: 'abcdefghijklmnopqrstuv',
    shareUrl: '/shared/media/abcdefghijklmnopqrstuv',
    communityStatus: 'visible',
  });

const TAGS = [{ id: 1, slug: 'night', label: 'Night', aliases: [], count: 3 }];

const setup = (handlers: ApiHandlers) => {
  const location = memoryLocation({ path: '/u/ann' });
  return renderWithApi(
    <Router hook={location.hook}>
      <ProfilePage username="ann" />
    </Router>,
    {
      'auth.me': () => ({ id: 1, email: 'ann@example.test', username: 'ann', role: 'user', createdAt: new Date().toISOString() }),
      'tags.list': () => TAGS,
      'config.get': () => ({ maxUploadBytes: 1e9, maxImagePixels: 5e7, maxTagsPerMedia: 10 }),
      ...handlers,
    },
  );
};

const cardOf = async (title: string) => (await screen.findByRole('heading', { name: title })).closest('li')!;

describe('My posts', () => {
  it('shows each post with its views and tags, and no Edit for one whose original was deleted', async () => {
    setup({
      'community.mine': () => ({
        items: [
          post(1, { title: 'Dusk', views: 1234 }),
          post(2, { title: 'Dawn', views: 1 }),
          post(3, { title: 'Gone', mediaId: null, views: null }),
        ],
        nextCursor: null,
      }),
    });
    const dusk = await cardOf('Dusk');
    expect(within(dusk).getByText('1,234 views')).toBeInTheDocument();
    expect(within(dusk).getByRole('link', { name: '#Night' })).toHaveAttribute('href', '/community?tags=night');
    expect(within(dusk).getByRole('button', { name: 'Edit' })).toBeInTheDocument();
    expect(within(await cardOf('Dawn')).getByText('1 view')).toBeInTheDocument();
    const gone = await cardOf('Gone');
    expect(within(gone).getByText('No share link')).toBeInTheDocument();
    expect(within(gone).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(gone).getByRole('button', { name: 'Remove from Community' })).toBeInTheDocument();
  });

  it('edits a post in the share dialog, opened with its texts, and shows the new title once saved', async () => {
    let title = 'Dusk';
    const { api, user } = setup({
      'community.mine': () => ({ items: [post(1, { title, altText: 'Orange sky', views: 5 })], nextCursor: null }),
      'media.get': ({ id }: { id: number }) => media(id),
      'share.state': () => ({
        shareCode: 'abcdefghijklmnopqrstuv',
        shareUrl: '/shared/media/abcdefghijklmnopqrstuv',
        shareToCommunity: true,
        tags: ['night'],
        link: { expiresAt: null, maxViews: null, hasPassword: false, allowDownload: true, showMetadata: false },
        views: 5,
        title,
        caption: null,
        altText: 'Orange sky',
        mature: false,
      }),
      'share.create': (input: { title: string }) => {
        title = input.title;
        return { shareCode: 'abcdefghijklmnopqrstuv', shareUrl: '/shared/media/abcdefghijklmnopqrstuv' };
      },
    });
    await user.click(within(await cardOf('Dusk')).getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share “dusk.jpg”' });
    expect(api.callsTo('media.get')).toEqual([{ id: 101 }]);
    const field = within(dialog).getByRole('textbox', { name: 'Title (optional)' });
    await waitFor(() => expect(field).toHaveValue('Dusk'));
    expect(within(dialog).getByRole('textbox', { name: 'Alt text' })).toHaveValue('Orange sky');
    await user.clear(field);
    await user.type(field, 'Dusk at the pier');
    await user.click(within(dialog).getByRole('button', { name: 'Update sharing' }));
    await within(dialog).findByText('Shared to the Community feed.');
    expect(api.callsTo('share.create')).toEqual([
      expect.objectContaining({ id: 101, title: 'Dusk at the pier', altText: 'Orange sky', caption: '', tags: ['night'] }),
    ]);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('heading', { name: 'Dusk at the pier' })).toBeInTheDocument();
  });

  it('removes a post after confirming, and says so when its vault item cannot be opened', async () => {
    const { api, user } = setup({
      'community.mine': () => ({ items: [post(1, { title: 'Dusk' })], nextCursor: null }),
      'community.remove': () => null,
      'media.get': () => {
        throw new ApiError(404, 'Media not found');
      },
    });
    const card = await cardOf('Dusk');
    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not open it for editing: Media not found');

    await user.click(within(card).getByRole('button', { name: 'Remove from Community' }));
    const confirm = await screen.findByRole('dialog', { name: 'Remove from the Community feed?' });
    await user.click(within(confirm).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(api.callsTo('community.remove')).toEqual([{ id: 1 }]));
    // The list is asked again once the item is gone.
    await waitFor(() => expect(api.callsTo('community.mine').length).toBeGreaterThan(1));
  });
});
