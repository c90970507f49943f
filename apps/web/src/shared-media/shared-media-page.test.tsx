import type { TSharedMedia } from '@mediashare/core/schemas';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { SharedMediaPage } from './shared-media-page';

const CODE = 'abcdefghijklmnopqrstuv';
const MEDIA: TSharedMedia = {
  shareCode: CODE,
  mimeType: 'image/png',
  kind: 'image',
  size: 2048,
  width: 64,
  height: 48,
  fileUrl: `/api/shared/media/${CODE}/file`,
  createdAt: '2025-01-01T00:00:00.000Z',
  thumbnailUrl: null,
  previewUrl: null,
  placeholder: null,
  durationMs: null,
  allowDownload: true,
  mature: false,
  title: null,
  caption: null,
  altText: null,
};

describe('SharedMediaPage', () => {
  it('asks for the password of a protected link, shows the refusal, and opens once unlocked', async () => {
    let unlocked = false;
    const { user, api } = renderWithApi(<SharedMediaPage code={CODE} />, {
      'shared.get': () => {
        if (!unlocked) throw new ApiError(401, 'Password required');
        return MEDIA;
      },
      'shared.unlock': ({ password }: { password: string }) => {
        if (password !== 'open sesame') throw new ApiError(401, 'Wrong password');
        unlocked = true;
        return null;
      },
    });
    await screen.findByRole('heading', { name: 'This link has a password' });
    await user.type(screen.getByLabelText('Password', { exact: true }), 'guess');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong password');
    await user.clear(screen.getByLabelText('Password', { exact: true }));
    await user.type(screen.getByLabelText('Password', { exact: true }), 'open sesame');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByRole('img', { name: 'Shared image' });
    expect(api.callsTo('shared.unlock')).toEqual([
      { code: CODE, password: 'guess' },
      { code: CODE, password: 'open sesame' },
    ]);
  });

  it.each([
    ['This link has expired', 'This link has expired'],
    ['This link has reached its view limit', 'This link has reached its view limit'],
    ['Shared media not found', 'This link is no longer active'],
  ])('says plainly when the server answers "%s"', async (message, heading) => {
    renderWithApi(<SharedMediaPage code={CODE} />, {
      'shared.get': () => {
        throw new ApiError(404, message);
      },
    });
    await screen.findByRole('heading', { name: heading });
  });

  it('offers Download only when the owner allows it', async () => {
    const { unmount } = renderWithApi(<SharedMediaPage code={CODE} />, { 'shared.get': () => MEDIA });
    expect(await screen.findByRole('link', { name: 'Download' })).toHaveAttribute('href', `${MEDIA.fileUrl}?download=1`);
    unmount();
    renderWithApi(<SharedMediaPage code={CODE} />, { 'shared.get': () => ({ ...MEDIA, allowDownload: false }) });
    await screen.findByRole('img', { name: 'Shared image' });
    expect(screen.queryByRole('link', { name: 'Download' })).toBeNull();
  });
});
