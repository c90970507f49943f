import { useState, type FormEvent } from 'react';
import { Link, Redirect, useLocation } from 'wouter';
import { errorMessage } from '../lib/errors';
import { useSession } from '../lib/session';
import { trpc } from '../trpc';
import { Field } from '../ui/field';
import { useDocumentTitle } from '../ui/use-document-title';
import { AuthCard } from './auth-card';

export const SignInPage = () => {
  useDocumentTitle('Sign in');
  const { user } = useSession();
  const [, navigate] = useLocation();
  const utils = trpc.useUtils();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const login = trpc.auth.login.useMutation({
    onSuccess: (signedIn) => {
      utils.auth.me.setData(undefined, signedIn);
      navigate('/');
    },
  });

  // The password was right and the account has two-factor sign-in: ask for the code.
  const needsCode = Boolean((login.error?.data as { twoFactorRequired?: boolean } | undefined)?.twoFactorRequired);
  const asksCode = needsCode || totp !== '';

  if (user && !login.isSuccess) return <Redirect to="/" />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password, ...(asksCode ? { totp } : {}) });
  };

  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back. Your vault is waiting."
      footer={
        <>
          New here? <Link href="/register">Create an account</Link>
        </>
      }
    >
      <form className="form" onSubmit={submit}>
        <Field
          label="Email or username"
          name="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="username"
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
        />
        {asksCode && (
          <Field
            label="Two-factor code"
            name="totp"
            value={totp}
            onChange={(e) => setTotp(e.target.value)}
            hint="The 6-digit code from your authenticator app, or one of your recovery codes."
            autoComplete="one-time-code"
            inputMode="text"
            autoFocus
            required
          />
        )}
        {login.error && (
          <p className="alert" role="alert">
            {errorMessage(login.error)}
          </p>
        )}
        <button type="submit" className="button button--primary button--block" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthCard>
  );
};
