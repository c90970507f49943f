import { useId, useState } from 'react';
import { errorMessage } from '../lib/errors';
import { trpc } from '../trpc';

/**
 * A link with a password: the server checks it and sets a cookie for this link only, then the page loads
 * again. Wrong passwords and the link's throttle answer in the server's words.
 */
export const UnlockForm = ({ code, onUnlocked }: { code: string; onUnlocked: () => void }) => {
  const ids = { title: useId(), password: useId() };
  const [password, setPassword] = useState('');
  const unlock = trpc.shared.unlock.useMutation({ onSuccess: onUnlocked });
  return (
    <form
      className="unlock-form"
      aria-labelledby={ids.title}
      onSubmit={(event) => {
        event.preventDefault();
        if (password && !unlock.isPending) unlock.mutate({ code, password });
      }}
    >
      <h1 id={ids.title}>This link has a password</h1>
      <p>Its owner protected it. Enter the password they gave you.</p>
      <label htmlFor={ids.password}>Password</label>
      <input
        id={ids.password}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {unlock.error && (
        <p className="alert" role="alert">
          {errorMessage(unlock.error)}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={unlock.isPending}>
        {unlock.isPending ? 'Checking…' : 'Unlock'}
      </button>
    </form>
  );
};
