import { screen } from '@testing-library/react';
import { Router } from 'wouter';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { SignInPage } from './sign-in-page';

const USER = { id: 1, email: 'ada@example.test', username: 'ada', role: 'user', createdAt: new Date().toISOString() };

describe('SignInPage', () => {
  it('asks for the two-factor code when the password was right, and sends it with the password', async () => {
    const { api, user } = renderWithApi(
      <Router>
        <SignInPage />
      </Router>,
      {
        'auth.me': () => null,
        'auth.login': (input: { totp?: string }) => {
          if (!input.totp) throw new ApiError(401, 'Two-factor code required', { twoFactorRequired: true });
          return USER;
        },
      },
    );
    expect(screen.queryByLabelText('Two-factor code')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Email or username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Two-factor code required');
    await user.type(screen.getByLabelText('Two-factor code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await expect
      .poll(() => api.callsTo('auth.login'))
      .toEqual([
        { email: 'ada', password: 'long enough password' },
        { email: 'ada', password: 'long enough password', totp: '123456' },
      ]);
  });
});
