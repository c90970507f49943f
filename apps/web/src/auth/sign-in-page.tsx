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
  const login = trpc.auth.login.useMutation({
    onSuccess: (signedIn) => {
      utils.auth.me.setData(undefined, signedIn);
      navigate('/');
    },
  });

  if (user && !login.isSuccess) return <Redirect to="/" />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password });
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
