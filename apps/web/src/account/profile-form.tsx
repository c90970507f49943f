import type { TUser } from '@mediashare/core/schemas';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/errors';
import { trpc } from '../trpc';
import { Field } from '../ui/field';

/** Username and email, under registration's rules (the server says what is taken). */
export const ProfileForm = ({ user }: { user: TUser }) => {
  const utils = trpc.useUtils();
  const [username, setUsername] = useState(user.username);
  const [email, setEmail] = useState(user.email);
  const update = trpc.auth.updateMe.useMutation({ onSuccess: (changed) => utils.auth.me.setData(undefined, changed) });
  const changes = {
    ...(username !== user.username ? { username } : {}),
    ...(email !== user.email ? { email } : {}),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(changes);
  };
  return (
    <form className="form" onSubmit={submit} aria-label="Profile">
      <Field label="Username" name="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      <Field label="Email" name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      {update.error && (
        <p className="alert" role="alert">
          {errorMessage(update.error)}
        </p>
      )}
      {update.isSuccess && Object.keys(changes).length === 0 && <p role="status">Saved.</p>}
      <button type="submit" className="button button--primary" disabled={update.isPending || Object.keys(changes).length === 0}>
        {update.isPending ? 'Saving…' : 'Save profile'}
      </button>
    </form>
  );
};
