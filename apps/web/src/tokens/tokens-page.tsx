import type { TApiToken } from '@mediashare/core/schemas';
import { useState } from 'react';
import { errorMessage } from '../lib/errors';
import { trpc } from '../trpc';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { QueryState } from '../ui/query-state';
import { useDocumentTitle } from '../ui/use-document-title';
import { useFocusLater } from '../ui/use-focus-later';
import { CreateTokenForm } from './create-token-form';
import { NewToken } from './new-token';
import { TokenHelp } from './token-help';
import { TokenList } from './token-list';
import '../styles/tokens.css';

export const TokensPage = () => {
  useDocumentTitle('API tokens');
  const utils = trpc.useUtils();
  const tokens = trpc.tokens.list.useQuery();
  const [formKey, setFormKey] = useState(0);
  const [revoking, setRevoking] = useState<TApiToken | null>(null);
  // Revoking or dismissing removes the focused button; the list is where the result shows.
  const [listHeading, focusList] = useFocusLater<HTMLHeadingElement>();
  // gcTime 0: once the panel is dismissed or the page left, the secret leaves memory with the mutation.
  const create = trpc.tokens.create.useMutation({
    gcTime: 0,
    onSuccess: () => {
      setFormKey((key) => key + 1);
      void utils.tokens.list.invalidate();
    },
  });
  const revoke = trpc.tokens.revoke.useMutation({
    onSuccess: (_, { id }) => {
      utils.tokens.list.setData(undefined, (list) => list?.filter((token) => token.id !== id));
      if (create.data?.id === id) create.reset();
      setRevoking(null);
      focusList();
      void utils.tokens.list.invalidate();
    },
  });

  return (
    <main className="page tokens">
      <div className="page__head">
        <div>
          <h1>API tokens</h1>
          <p className="page__lead">Let scripts and other apps reach your vault without your password.</p>
        </div>
      </div>
      {create.data && (
        <NewToken
          key={create.data.id}
          token={create.data}
          onDone={() => {
            create.reset();
            focusList();
          }}
        />
      )}
      <div className="tokens__top">
        <section className="tokens-card" aria-labelledby="create-token-title">
          <h2 id="create-token-title">Create a token</h2>
          <CreateTokenForm
            key={formKey}
            isPending={create.isPending}
            error={create.error ? errorMessage(create.error) : null}
            onCreate={(input) => create.mutate(input)}
          />
        </section>
        <TokenHelp />
      </div>

      <section className="tokens__list" aria-labelledby="token-list-title">
        <h2 id="token-list-title" ref={listHeading} tabIndex={-1}>
          Your tokens
        </h2>
        <QueryState
          query={tokens}
          loading="Loading your tokens…"
          failed="Could not load your tokens"
          empty={{
            when: tokens.data?.length === 0,
            title: 'No tokens yet',
            children: 'Create one when a script or another app needs to reach your vault.',
          }}
        />
        {tokens.data && tokens.data.length > 0 && <TokenList tokens={tokens.data} onRevoke={setRevoking} />}
      </section>

      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke"
          pendingLabel="Revoking…"
          mutation={revoke}
          onConfirm={() => revoke.mutate({ id: revoking.id })}
          onClose={() => setRevoking(null)}
        >
          <p>
            Anything still using <code>{revoking.prefix}…</code> is refused from its next request. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </main>
  );
};
