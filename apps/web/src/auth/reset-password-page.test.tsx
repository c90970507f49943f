import { screen } from '@testing-library/react';
import { Router } from 'wouter';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { ResetPasswordPage } from './reset-password-page';

const TOKEN = 'A'.repeat(43);

const setup = (reset: (input: unknown) => unknown) => {
  const view = renderWithApi(
    <Router>
      <ResetPasswordPage token={TOKEN} />
    </Router>,
    { 'auth.resetPassword': reset },
  );
  const fill = async (password: string, repeat = password) => {
    await view.user.type(screen.getByLabelText('New password'), password);
    await view.user.type(screen.getByLabelText('New password, again'), repeat);
    await view.user.click(screen.getByRole('button', { name: 'Set the password' }));
  };
  return { ...view, fill };
};

describe('ResetPasswordPage', () => {
  it('checks the password with the server’s rules and the repeat before sending', async () => {
    const { api, fill, user } = setup(() => null);
    await fill('short');
    expect(screen.getByRole('alert')).toHaveTextContent('Password must be at least 8 characters');
    await user.clear(screen.getByLabelText('New password'));
    await user.clear(screen.getByLabelText('New password, again'));
    await fill('long enough password', 'long enough passw0rd');
    expect(screen.getByRole('alert')).toHaveTextContent('The two passwords differ');
    expect(api.callsTo('auth.resetPassword')).toEqual([]);
  });

  it('sends the link’s token with the new password, then offers to sign in', async () => {
    const { api, fill } = setup(() => null);
    await fill('long enough password');
    expect(await screen.findByRole('heading', { name: 'Password changed' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
    expect(api.callsTo('auth.resetPassword')).toEqual([{ token: TOKEN, newPassword: 'long enough password' }]);
  });

  it('says so when the link is spent or expired', async () => {
    const { fill } = setup(() => {
      throw new ApiError(400, 'This reset link is invalid or has expired');
    });
    await fill('long enough password');
    expect(await screen.findByRole('alert')).toHaveTextContent('This reset link is invalid or has expired');
  });
});
