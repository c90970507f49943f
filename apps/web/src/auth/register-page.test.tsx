import { screen } from '@testing-library/react';
import { Router } from 'wouter';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApi } from '../../test/render';
import { RegisterPage } from './register-page';

const LIMITS = { maxUploadBytes: 2 * 1024 ** 3, maxImagePixels: 50_000_000, maxTagsPerMedia: 10 };

const setup = (registration: 'open' | 'invite' | 'closed', register: (input: unknown) => unknown = () => null) =>
  renderWithApi(
    <Router>
      <RegisterPage />
    </Router>,
    { 'auth.me': () => null, 'config.get': () => ({ ...LIMITS, registration }), 'auth.register': register },
  );

afterEach(() => window.history.replaceState(null, '', '/'));

describe('RegisterPage', () => {
  it('says sign-ups are closed when the server takes none, with no form to fill', async () => {
    setup('closed');
    expect(await screen.findByRole('heading', { name: 'Registration is closed' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Email')).not.toBeInTheDocument();
  });

  it('asks for an invite code by invite, filled in from the invite link, and sends it', async () => {
    window.history.replaceState(null, '', '/register?invite=code-from-the-link');
    const { api, user } = setup('invite', () => ({
      id: 1,
      email: 'a@example.test',
      username: 'ada',
      role: 'user',
      createdAt: new Date().toISOString(),
    }));
    const code = await screen.findByLabelText('Invite code');
    expect(code).toHaveValue('code-from-the-link');
    await user.type(screen.getByLabelText('Email'), 'a@example.test');
    await user.type(screen.getByLabelText('Username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await expect
      .poll(() => api.callsTo('auth.register'))
      .toEqual([
        { email: 'a@example.test', username: 'ada', password: 'long enough password', inviteCode: 'code-from-the-link' },
      ]);
  });

  it('shows no invite field when sign-ups are open', async () => {
    setup('open');
    expect(await screen.findByLabelText('Email')).toBeInTheDocument();
    expect(screen.queryByLabelText('Invite code')).not.toBeInTheDocument();
  });
});
