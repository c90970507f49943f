import type { TExposureItem } from '@mediashare/core/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../../test/render';
import { ExposurePage } from './exposure-page';

const LINK: TExposureItem = {
  mediaId: 7,
  fileName: 'beach.jpg',
  mimeType: 'image/jpeg',
  thumbnailUrl: null,
  exposedAt: '2025-01-02T00:00:00.000Z',
  link: {
    shareCode: 'abcdefghijklmnopqrstuv',
    shareUrl: '/shared/media/abcdefghijklmnopqrstuv',
    createdAt: '2025-01-02T00:00:00.000Z',
    views: 4,
    expiresAt: null,
    maxViews: 10,
    hasPassword: true,
    status: 'active',
  },
  community: null,
};
const ORPHAN: TExposureItem = {
  mediaId: null,
  fileName: null,
  mimeType: 'image/png',
  thumbnailUrl: null,
  exposedAt: '2025-01-01T00:00:00.000Z',
  link: null,
  community: { communityMediaId: 12, createdAt: '2025-01-01T00:00:00.000Z' },
};

describe('ExposurePage', () => {
  const setup = () => {
    let items = [LINK, ORPHAN];
    return renderWithApi(<ExposurePage />, {
      'exposure.list': () => ({ items, nextCursor: null }),
      'exposure.revoke': ({ links }: { links: boolean }) => {
        items = links ? items.filter((i) => !i.link) : items.filter((i) => !i.community);
        return { links: links ? 1 : 0, community: links ? 0 : 1 };
      },
      'share.delete': () => null,
      'community.remove': () => null,
      'media.list': () => ({ items: [], nextCursor: null }),
    });
  };

  it('lists each public thing with its link details', async () => {
    setup();
    await screen.findByText('beach.jpg');
    expect(screen.getByText(/Active · 4 views of 10 · no expiry · password/)).toBeInTheDocument();
    expect(screen.getByText('A community item whose original you deleted')).toBeInTheDocument();
  });

  it('revokes one row at a time, the right way for each', async () => {
    const { user, api } = setup();
    await user.click(await screen.findByRole('button', { name: 'Revoke beach.jpg' }));
    await user.click(screen.getByRole('button', { name: 'Revoke A community item whose original you deleted' }));
    await waitFor(() => expect(api.callsTo('community.remove')).toEqual([{ id: 12 }]));
    expect(api.callsTo('share.delete')).toEqual([{ id: 7 }]);
  });

  it('revokes all links only after confirmation, and says how many', async () => {
    const { user, api } = setup();
    await user.click(await screen.findByRole('button', { name: 'Revoke all links' }));
    const confirm = screen.getByRole('dialog', { name: 'Revoke every share link?' });
    expect(api.callsTo('exposure.revoke')).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Revoke all links' }));
    await screen.findByText('Revoked 1 link and 0 community items.');
    expect(api.callsTo('exposure.revoke')).toEqual([{ links: true, community: false }]);
    await waitFor(() => expect(screen.queryByText('beach.jpg')).toBeNull());
  });
});
