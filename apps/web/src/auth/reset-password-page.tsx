import { PAGES, ZPassword } from '@mediashare/core/schemas';
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { errorMessage } from '../lib/errors';
import { trpc } from '../trpc';
import { Field } from '../ui/field';
import { useDocumentTitle } from '../ui/use-document-title';
import { AuthCard } from './auth-card';

/** Where a reset link opens (`pnpm user:reset-password` or the mail): choose a new password, once. */
export const ResetPasswordPage = ({ token }: { token: string }) => {
  useDocumentTitle('Choose a new password');
  const utils = trpc.useUtils();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string>();
  const reset = trpc.auth.resetPassword.useMutation({
    // Every session of the account ended, this browser's included.
    onSuccess: () => utils.auth.me.setData(undefined, null),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = ZPassword.safeParse(password);
    if (!checked.success) return setProblem(`Password ${checked.error.issues[0]?.message ?? 'is not valid'}`);
    if (password !== repeat) return setProblem('The two passwords differ');
    setProblem(undefined);
    reset.mutate({ token, newPassword: password });
  };

  if (reset.isSuccess) {
    return (
      <AuthCard title="Password changed" subtitle="Sign in with your new password." footer={<Link href={PAGES.home}>Home</Link>}>
        <Link href={PAGES.signIn} className="button button--primary button--block">
          Sign in
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Choose a new password"
      subtitle="This link works once. Setting a password signs you out everywhere."
      footer={
        <>
          Remembered it? <Link href={PAGES.signIn}>Sign in</Link>
        </>
      }
    >
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label="New password"
          name="newPassword"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          hint="At least 8 characters."
          required
        />
        <Field
          label="New password, again"
          name="repeatPassword"
          type="password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          autoComplete="new-password"
          required
        />
        {(problem ?? reset.error) && (
          <p className="alert" role="alert">
            {problem ?? errorMessage(reset.error)}
          </p>
        )}
        <button type="submit" className="button button--primary button--block" disabled={reset.isPending}>
          {reset.isPending ? 'Saving…' : 'Set the password'}
        </button>
      </form>
    </AuthCard>
  );
};
