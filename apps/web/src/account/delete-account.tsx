import type { TUser } from '@mediashare/core/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { errorMessage } from '../lib/errors';
import { trpc } from '../trpc';
import { Field } from '../ui/field';

/** Deleting cannot be undone: the password, and the username typed out, before the button works. */
export const DeleteAccount = ({ user }: { user: TUser }) => {
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const [, navigate] = useLocation();
  const [password, setPassword] = useState('');
  const [typed, setTyped] = useState('');
  const remove = trpc.auth.deleteMe.useMutation({
    onSuccess: () => {
      // Nothing of the account may stay in this tab's cache (as on signing out).
      for (const router of [trpc.media, trpc.tokens, trpc.auth.sessions])
        queryClient.removeQueries({ queryKey: getQueryKey(router) });
      utils.auth.me.setData(undefined, null);
      navigate('/');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    remove.mutate({ password });
  };
  return (
    <form className="form" onSubmit={submit} aria-label="Delete account">
      <p>
        Deletes your account, every item in your vault and everything you published to the Community. Share links stop working.
        Download your data first if you want to keep it.
      </p>
      <Field
        label="Password"
        name="deletePassword"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <Field
        label={`Type your username (${user.username}) to confirm`}
        name="confirmUsername"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        autoComplete="off"
        required
      />
      {remove.error && (
        <p className="alert" role="alert">
          {errorMessage(remove.error)}
        </p>
      )}
      <button
        type="submit"
        className="button button--danger"
        disabled={remove.isPending || typed !== user.username || password.length === 0}
      >
        {remove.isPending ? 'Deleting…' : 'Delete my account'}
      </button>
    </form>
  );
};
