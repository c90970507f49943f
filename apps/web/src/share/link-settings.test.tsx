import type { TShareState } from '@mediashare/core/schemas';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../test/fake-api';
import { mediaItem } from '../../test/records';
import { renderWithApi } from '../../test/render';
import { ShareDialog } from './share-dialog';

const shared = mediaItem({
  isShared: true,
  shareToCommunity: true,
  shareCode: 'abcdefghijklmnopqrstuv',
  shareUrl: '/shared/media/abcdefghijklmnopqrstuv',
});

const STATE: TShareState = {
  shareCode: 'abcdefghijklmnopqrstuv',
  shareUrl: '/shared/media/abcdefghijklmnopqrstuv',
  shareToCommunity: true,
  tags: ['night', 'urban'],
  link: { expiresAt: null, maxViews: 10, hasPassword: true, allowDownload: true, showMetadata: false },
  views: 3,
  title: null,
  caption: null,
  altText: null,
  mature: false,
};

const setup = (updateLink = vi.fn((input: Record<string, unknown>) => ({ ...STATE.link, ...input }))) => {
  const view = renderWithApi(<ShareDialog item={shared} onClose={() => {}} />, {
    'share.state': () => STATE,
    'tags.list': () => ['Night', 'Urban', 'Beach'].map((label, i) => ({ id: i + 1, slug: label.toLowerCase(), label })),
    'config.get': () => ({ maxUploadBytes: 1e9, maxImagePixels: 5e7, maxTagsPerMedia: 10 }),
    'share.updateLink': updateLink,
  });
  return { ...view, dialog: screen.getByRole('dialog', { name: 'Share “beach.jpg”' }), updateLink };
};

describe('the share dialog of a shared item', () => {
  it('opens as the item is: its tags picked, the policy agreed, the link settings and views shown', async () => {
    const { dialog } = setup();
    await within(dialog).findByRole('heading', { name: 'Link settings' });
    await waitFor(() => expect(within(dialog).getByRole('option', { name: 'Night' })).toHaveAttribute('aria-selected', 'true'));
    expect(within(dialog).getByRole('option', { name: 'Urban' })).toHaveAttribute('aria-selected', 'true');
    expect(within(dialog).getByRole('option', { name: 'Beach' })).toHaveAttribute('aria-selected', 'false');
    expect(within(dialog).getByRole('checkbox', { name: /I agree to the community sharing policy/ })).toBeChecked();
    expect(within(dialog).getByRole('button', { name: 'Update sharing' })).toBeEnabled();
    expect(within(dialog).getByText('Opened 3 times of at most 10')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('View limit')).toHaveValue(10);
    expect(within(dialog).getByLabelText('New password')).toHaveValue('');
    expect(within(dialog).getByRole('button', { name: 'Remove password' })).toBeInTheDocument();
  });

  it('sends only what changed, a preset as a moment from now, and says so', async () => {
    const { dialog, user, api } = setup();
    await within(dialog).findByRole('heading', { name: 'Link settings' });
    await user.selectOptions(within(dialog).getByLabelText('Expires'), '1 day');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Allow download' }));
    const before = Date.now();
    await user.click(within(dialog).getByRole('button', { name: 'Save link settings' }));
    await within(dialog).findByText('Link settings saved.');
    const [sent] = api.callsTo('share.updateLink') as { id: number; expiresAt: string; allowDownload: boolean }[];
    expect(Object.keys(sent!).sort()).toEqual(['allowDownload', 'expiresAt', 'id']);
    expect(sent!.allowDownload).toBe(false);
    const ahead = new Date(sent!.expiresAt).getTime() - before;
    expect(ahead).toBeGreaterThanOrEqual(24 * 3_600_000 - 1000);
    expect(ahead).toBeLessThanOrEqual(24 * 3_600_000 + 60_000);

    await user.click(within(dialog).getByRole('button', { name: 'Remove password' }));
    await waitFor(() => expect(api.callsTo('share.updateLink')).toHaveLength(2));
    expect(api.callsTo('share.updateLink')[1]).toEqual({ id: 7, password: null });
  });

  it("shows the server's refusal, naming the field", async () => {
    const { dialog, user } = setup(
      vi.fn(() => {
        throw new ApiError(400, 'Invalid field "maxViews": must be at least 1');
      }),
    );
    await within(dialog).findByRole('heading', { name: 'Link settings' });
    await user.clear(within(dialog).getByLabelText('View limit'));
    await user.type(within(dialog).getByLabelText('View limit'), '0');
    await user.click(within(dialog).getByRole('button', { name: 'Save link settings' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Invalid field "maxViews": must be at least 1');
  });
});
