import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { trpc } from '../trpc';
import { CopyField, type CopyState } from '../ui/copy-field';
import { Field } from '../ui/field';
import { PageState } from '../ui/page-state';
import { useDocumentTitle } from '../ui/use-document-title';
import '../styles/instance.css';

/** /admin/invites: invites for REGISTRATION=invite; a new one's link is shown once, to copy. */
export const InvitesPage = () => {
  useDocumentTitle('Invites');
  const utils = trpc.useUtils();
  const invites = trpc.invites.list.useQuery();
  const [uses, setUses] = useState('1');
  const [expires, setExpires] = useState('');
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const create = trpc.invites.create.useMutation({
    gcTime: 0,
    onSuccess: () => {
      setCopyState('idle');
      void utils.invites.list.invalidate();
    },
  });
  const remove = trpc.invites.delete.useMutation({ onSuccess: () => void utils.invites.list.invalidate() });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ uses: Number(uses), ...(expires ? { expiresAt: new Date(expires).toISOString() } : {}) });
  };

  return (
    <main className="page instance">
      <div className="page__head">
        <div>
          <h1>Invites</h1>
          <p className="page__lead">Links that let someone create an account while sign-ups are by invite.</p>
        </div>
      </div>
      <section className="instance-card" aria-labelledby="new-invite-title">
        <h2 id="new-invite-title">New invite</h2>
        <form className="form" onSubmit={submit}>
          <Field label="Uses" name="uses" type="number" min={1} value={uses} onChange={(e) => setUses(e.target.value)} />
          <Field
            label="Expires"
            name="expires"
            type="datetime-local"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
            hint="Leave empty for an invite that does not expire."
          />
          {create.error && (
            <p className="alert" role="alert">
              {errorMessage(create.error)}
            </p>
          )}
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            Create invite
          </button>
        </form>
        {create.data && (
          <CopyField
            label="Invite link"
            value={`${window.location.origin}${create.data.link}`}
            copyState={copyState}
            onCopyState={setCopyState}
            status={{
              idle: 'Shown only now: copy it and send it to the person you invite.',
              copied: 'Copied.',
              failed: 'Could not copy; select the link and copy it by hand.',
            }}
          />
        )}
      </section>
      {invites.isLoading && <PageState kind="loading" title="Loading…" />}
      {invites.error && (
        <PageState kind="error" title="Could not load the invites">
          {errorMessage(invites.error)}
        </PageState>
      )}
      {invites.data && invites.data.invites.length === 0 && <PageState kind="empty" title="No invites yet" />}
      {invites.data && invites.data.invites.length > 0 && (
        <table className="instance-table">
          <thead>
            <tr>
              <th>Created</th>
              <th>Used</th>
              <th>Left</th>
              <th>Expires</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invites.data.invites.map((invite) => (
              <tr key={invite.id}>
                <td>{formatDateTime(invite.createdAt)}</td>
                <td>{invite.uses}</td>
                <td>{invite.usesLeft}</td>
                <td>{invite.expiresAt ? formatDateTime(invite.expiresAt) : 'never'}</td>
                <td>
                  <button type="button" className="button" onClick={() => remove.mutate({ id: invite.id })}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
};
