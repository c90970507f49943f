import type { TApiToken, TCreateTokenInput } from '@mediashare/core/schemas';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiHandlers } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { TokensPage } from './tokens-page';

const SECRET = `msk_${'x'.repeat(43)}`;
const DAY_MS = 24 * 3600_000;

const token = (id: number, overrides: Partial<TApiToken> = {}): TApiToken => ({
  id,
  name: `token ${id}`,
  prefix: `msk_ab${id}cde`,
  scopes: ['read'],
  createdAt: new Date(Date.now() - 3 * DAY_MS).toISOString(),
  lastUsedAt: null,
  expiresAt: null,
  ...overrides,
});

/** A token store behind the fake API, so the list follows create and revoke as the server's does. */
const setup = (initial: TApiToken[] = [], handlers: ApiHandlers = {}) => {
  let tokens = [...initial];
  const view = renderWithApi(<TokensPage />, {
    'tokens.list': () => tokens,
    'tokens.create': (input: TCreateTokenInput) => {
      const created = token(100 + tokens.length, { name: input.name, scopes: input.scopes, prefix: SECRET.slice(0, 10) });
      tokens = [created, ...tokens];
      return { ...created, token: SECRET };
    },
    'tokens.revoke': ({ id }: { id: number }) => {
      tokens = tokens.filter((t) => t.id !== id);
      return null;
    },
    ...handlers,
  });
  const form = screen.getByRole('form', { name: 'Create a token' });
  const scope = (name: 'read' | 'share') => within(form).getByRole('checkbox', { name: new RegExp(`^${name}`) });
  const submit = () => view.user.click(within(form).getByRole('button', { name: 'Create token' }));
  return { ...view, form, scope, submit };
};

describe('TokensPage', () => {
  it('needs a name and at least one scope before it asks the server', async () => {
    const { api, user, form, scope, submit } = setup();
    expect(scope('read')).toBeChecked();
    expect(scope('share')).not.toBeChecked();

    await submit();
    expect(within(form).getByText('Name is required.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Name')).toHaveFocus();
    await user.type(within(form).getByLabelText('Name'), '   ');
    await user.click(scope('read'));
    await submit();
    expect(within(form).getByText('Name is required.')).toBeInTheDocument();
    expect(within(form).getByText('Choose at least one scope.')).toBeInTheDocument();
    expect(api.callsTo('tokens.create')).toEqual([]);
    await user.type(within(form).getByLabelText('Name'), 'x');
    await submit();
    expect(scope('read')).toHaveFocus();
    await user.clear(within(form).getByLabelText('Name'));

    await user.type(within(form).getByLabelText('Name'), 'Backup script ');
    await user.click(scope('share'));
    await user.click(scope('read'));
    await user.selectOptions(within(form).getByLabelText('Expires'), 'In 90 days');
    await submit();
    await screen.findByRole('heading', { name: 'Token “Backup script” created' });
    // Trimmed, in the API's scope order, with the chosen lifetime.
    expect(api.callsTo('tokens.create')).toEqual([{ name: 'Backup script', scopes: ['read', 'share'], expiresInDays: 90 }]);
  });

  it('sends no expiry for a token that never expires', async () => {
    const { api, user, form, submit } = setup();
    await user.type(within(form).getByLabelText('Name'), 'CI');
    await user.selectOptions(within(form).getByLabelText('Expires'), 'Never');
    await submit();
    await screen.findByRole('heading', { name: 'Token “CI” created' });
    expect(api.callsTo('tokens.create')).toEqual([{ name: 'CI', scopes: ['read'] }]);
  });

  it('shows the new token once, with a warning, and never again after Done', async () => {
    const { user, form, submit } = setup();
    await user.type(within(form).getByLabelText('Name'), 'Backup script');
    await submit();
    const panel = await screen.findByRole('region', { name: 'Token “Backup script” created' });
    expect(within(panel).getByText('Copy it now: you will not see it again.')).toBeInTheDocument();
    expect(within(panel).getByRole('textbox', { name: 'Your new token' })).toHaveValue(SECRET);
    expect(within(panel).getByRole('heading')).toHaveFocus();
    await user.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(within(panel).getByText('Token copied to clipboard.')).toBeInTheDocument();
    // The form starts over for the next token.
    expect(within(screen.getByRole('form', { name: 'Create a token' })).getByLabelText('Name')).toHaveValue('');

    const list = await screen.findByRole('list', { name: 'Your tokens' });
    expect(within(list).getByText('Backup script')).toBeInTheDocument();
    expect(within(list).getByText(`${SECRET.slice(0, 10)}…`)).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('region', { name: /created/ })).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(screen.getByRole('heading', { name: 'Your tokens' })).toHaveFocus();
  });

  it('takes the secret off the page when that token is revoked', async () => {
    const { user, form, submit } = setup();
    await user.type(within(form).getByLabelText('Name'), 'Leaked');
    await submit();
    await screen.findByRole('textbox', { name: 'Your new token' });
    await user.click(await screen.findByRole('button', { name: 'Revoke Leaked' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke' }));
    await screen.findByText('No tokens yet');
    expect(screen.queryByRole('textbox', { name: 'Your new token' })).not.toBeInTheDocument();
  });

  it('lists each token’s prefix, scopes, use and expiry', async () => {
    setup([
      token(1, { name: 'Backups', scopes: ['read', 'share'], lastUsedAt: new Date(Date.now() - 2 * 3600_000).toISOString() }),
      token(2, { name: 'Old script', expiresAt: new Date(Date.now() - DAY_MS).toISOString() }),
      token(3, { name: 'Phone', expiresAt: '2099-06-30T12:00:00.000Z' }),
    ]);
    const row = async (name: string) => (await screen.findByText(name)).closest('li')!;

    const backups = await row('Backups');
    expect(within(backups).getByText('msk_ab1cde…')).toBeInTheDocument();
    expect(
      within(within(backups).getByRole('list', { name: 'Scopes' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['read', 'share']);
    expect(backups).toHaveTextContent('Created 3 days ago');
    expect(backups).toHaveTextContent('Last used 2 hours ago');
    expect(backups).toHaveTextContent('Never expires');

    expect(await row('Old script')).toHaveTextContent('Never used');
    expect(await row('Old script')).toHaveTextContent(/Expired [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(await row('Phone')).toHaveTextContent('Expires Jun 30, 2099');
  });

  it('revokes a token only after confirmation', async () => {
    const { api, user } = setup([token(1, { name: 'Backups' })]);
    await user.click(await screen.findByRole('button', { name: 'Revoke Backups' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke “Backups”?' });
    expect(dialog).toHaveTextContent('msk_ab1cde…');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo('tokens.revoke')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Revoke Backups' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('No tokens yet')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.callsTo('tokens.revoke')).toEqual([{ id: 1 }]);
    await vi.waitFor(() => expect(screen.getByRole('heading', { name: 'Your tokens' })).toHaveFocus());
  });

  it('says when there are no tokens', async () => {
    setup();
    expect(await screen.findByText('No tokens yet')).toBeInTheDocument();
  });

  it('says when the tokens cannot be loaded', async () => {
    setup([], {
      'tokens.list': () => {
        throw new ApiError(500, 'Internal server error');
      },
    });
    expect(await screen.findByText('Could not load your tokens')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('shows the server’s refusal in the form and keeps what was typed', async () => {
    const { user, form, submit } = setup([], {
      'tokens.create': () => {
        throw new ApiError(400, 'Too many tokens');
      },
    });
    await user.type(within(form).getByLabelText('Name'), 'Backups');
    await submit();
    expect(await within(form).findByRole('alert')).toHaveTextContent('Too many tokens');
    expect(within(form).getByLabelText('Name')).toHaveValue('Backups');
    expect(screen.queryByRole('region', { name: /created/ })).not.toBeInTheDocument();
  });
});
