import { useState, type FormEvent } from 'react';
import { trpc } from '../trpc';

export const SignIn = () => {
  const utils = trpc.useUtils();
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [email, setEmail] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const onDone = () => utils.auth.me.invalidate();
  const login = trpc.auth.login.useMutation({ onSuccess: onDone });
  const register = trpc.auth.register.useMutation({ onSuccess: onDone });
  const pending = login.isPending || register.isPending;
  const error = (mode === 'login' ? login.error : register.error)?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'login') login.mutate({ email, password });
    else register.mutate({ email, username, password });
  };

  return (
    <main className="auth">
      <h1>mediashare</h1>
      <form onSubmit={submit} aria-labelledby="auth-title">
        <h2 id="auth-title">{mode === 'login' ? 'Sign in' : 'Create an account'}</h2>
        <label>
          {mode === 'login' ? 'Email or username' : 'Email'}
          <input name="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required />
        </label>
        {mode === 'register' && (
          <label>
            Username
            <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="nickname" required />
          </label>
        )}
        <label>
          Password
          <input
            name="password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            required
          />
        </label>
        {error && <p role="alert">{error}</p>}
        <button type="submit" disabled={pending}>
          {mode === 'login' ? 'Sign in' : 'Create account'}
        </button>
      </form>
      <button type="button" className="link" onClick={() => setMode(mode === 'login' ? 'register' : 'login')}>
        {mode === 'login' ? 'New here? Create an account' : 'Have an account? Sign in'}
      </button>
    </main>
  );
};
