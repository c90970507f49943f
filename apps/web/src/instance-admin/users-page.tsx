import type { TAdminUser } from '@mediashare/core/schemas';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/errors';
import { trpc } from '../trpc';
import { PageState } from '../ui/page-state';
import { useDocumentTitle } from '../ui/use-document-title';
import { UsageBar } from './usage-bar';
import '../styles/instance.css';

const MiB = 1024 * 1024;

/** The account's own quota in MiB; empty goes back to the server's default. */
const QuotaForm = ({ user }: { user: TAdminUser }) => {
  const utils = trpc.useUtils();
  const [value, setValue] = useState(user.quotaBytes === null ? '' : String(Math.round(user.quotaBytes / MiB)));
  const update = trpc.users.updateQuota.useMutation({ onSuccess: () => void utils.users.list.invalidate() });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: user.id, quotaBytes: value.trim() === '' ? null : Math.round(Number(value) * MiB) });
  };
  return (
    <form onSubmit={submit} className="quota-form">
      <input
        aria-label={`Quota of ${user.username} in MiB`}
        type="number"
        min={0}
        placeholder="default"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />{' '}
      MiB{' '}
      <button type="submit" className="button" disabled={update.isPending}>
        Save
      </button>
      {update.error && <span role="alert">{errorMessage(update.error)}</span>}
    </form>
  );
};

/** /admin/users: every account with what it stores, and its quota. */
export const UsersPage = () => {
  useDocumentTitle('Users');
  const users = trpc.users.list.useQuery();
  return (
    <main className="page instance">
      <div className="page__head">
        <div>
          <h1>Users</h1>
          <p className="page__lead">What each account stores, originals and renditions together, and what it may store.</p>
        </div>
      </div>
      {users.isLoading && <PageState kind="loading" title="Loading…" />}
      {users.error && (
        <PageState kind="error" title="Could not load the users">
          {errorMessage(users.error)}
        </PageState>
      )}
      {users.data && (
        <table className="instance-table">
          <thead>
            <tr>
              <th>User</th>
              <th>Storage</th>
              <th>Own quota</th>
              <th>Two-factor</th>
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((user) => (
              <tr key={user.id}>
                <td>
                  {user.username}
                  <br />
                  <small>{user.email}</small>
                </td>
                <td>
                  <UsageBar usage={user.usage} quota={user.quota} />
                </td>
                <td>
                  <QuotaForm user={user} />
                </td>
                <td>{user.twoFactor ? 'on' : 'off'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
};
