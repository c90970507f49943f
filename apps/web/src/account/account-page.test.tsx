import type { TSession, TUser } from '@mediashare/core/schemas';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { AccountPage } from './account-page';

const USER: TUser = {
  id: 7,
  email: 'ada@example.test',
  username: 'ada',
  role: 'user',
  createdAt: new Date().toISOString(),
} as TUser;
const session = (id: string, current: boolean, device: string): TSession => ({
  id,
  current,
  device,
  createdAt: new Date().toISOString(),
  lastSeenAt: new Date().toISOString(),
});

const setup = () =>
  renderWithApi(<AccountPage user={USER} />, {
    'auth.me': () => USER,
    'auth.sessions': () => [
      session('3f2b8c1e-5d4a-4b7e-9c2d-1a0e8f6b7c5d', true, 'Chrome on Linux'),
      session('4f2b8c1e-5d4a-4b7e-9c2d-1a0e8f6b7c5d', false, 'Safari on iOS'),
    ],
    'auth.changePassword': ({ currentPassword }: { currentPassword: string }) => {
      if (currentPassword !== 'right password') throw new ApiError(400, 'Current password is incorrect');
      return null;
    },
    'auth.endOtherSessions': () => ({ ended: 1 }),
    'auth.deleteMe': () => null,
  });

describe('AccountPage', () => {
  it("shows the server's message when the current password is wrong", async () => {
    const { user } = setup();
    const form = screen.getByRole('form', { name: 'Change password' });
    await user.type(within(form).getByLabelText('Current password'), 'wrong');
    await user.type(within(form).getByLabelText('New password'), 'a new long password');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Current password is incorrect');
  });

  it('lists the sessions, marks this one, and signs out the others', async () => {
    const { user, api } = setup();
    const list = await screen.findByRole('list', { name: 'Your sessions' });
    expect(within(list).getByText('This browser')).toBeInTheDocument();
    expect(within(list).getByRole('button', { name: 'Sign out Safari on iOS' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign out everywhere else' }));
    expect(await screen.findByText('Signed out of 1 other sessions.')).toBeInTheDocument();
    expect(api.callsTo('auth.endOtherSessions')).toHaveLength(1);
  });

  it('deletes only once the password is given and the username typed out', async () => {
    const { user, api } = setup();
    const form = screen.getByRole('form', { name: 'Delete account' });
    const button = within(form).getByRole('button', { name: 'Delete my account' });
    await user.type(within(form).getByLabelText('Password'), 'right password');
    await user.type(within(form).getByLabelText(/Type your username/), 'ad');
    expect(button).toBeDisabled();
    await user.type(within(form).getByLabelText(/Type your username/), 'a');
    expect(button).toBeEnabled();
    await user.click(button);
    await expect.poll(() => api.callsTo('auth.deleteMe')).toEqual([{ password: 'right password' }]);
  });

  it('links the export and the two-factor page', () => {
    setup();
    expect(screen.getByRole('link', { name: 'Download my data' })).toHaveAttribute('href', '/api/user/export');
    expect(screen.getByRole('link', { name: 'Two-factor sign-in' })).toHaveAttribute('href', '/account/two-factor');
  });
});
