import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/errors';
import { trpc } from '../trpc';
import { Field } from '../ui/field';

/** Changing the password signs out every other session; this one stays. */
export const PasswordForm = () => {
  const utils = trpc.useUtils();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const change = trpc.auth.changePassword.useMutation({
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      void utils.auth.sessions.invalidate();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ currentPassword, newPassword });
  };
  return (
    <form className="form" onSubmit={submit} aria-label="Change password">
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        required
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters. Your other sessions are signed out."
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
        required
      />
      {change.error && (
        <p className="alert" role="alert">
          {errorMessage(change.error)}
        </p>
      )}
      {change.isSuccess && <p role="status">Password changed. Every other session is signed out.</p>}
      <button type="submit" className="button button--primary" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
};
