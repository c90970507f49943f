import { ZRegisterInput, type TRegisterInput } from '@mediashare/core/schemas';
import { useState, type FormEvent } from 'react';
import { Link, Redirect, useLocation } from 'wouter';
import { errorMessage } from '../lib/errors';
import { useSession } from '../lib/session';
import { trpc } from '../trpc';
import { Field } from '../ui/field';
import { useDocumentTitle } from '../ui/use-document-title';
import { AuthCard } from './auth-card';

type FieldErrors = Partial<Record<keyof TRegisterInput, string>>;

const FIELD_LABELS: Record<keyof TRegisterInput, string> = { email: 'Email', username: 'Username', password: 'Password' };

/** The server's own schema checks the form first, so people see the same rules before sending anything. */
const validate = (input: TRegisterInput): FieldErrors => {
  const result = ZRegisterInput.safeParse(input);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as keyof TRegisterInput | undefined;
    if (field && field in FIELD_LABELS && !errors[field]) errors[field] = `${FIELD_LABELS[field]} ${issue.message}`;
  }
  return errors;
};

export const RegisterPage = () => {
  useDocumentTitle('Create an account');
  const { user } = useSession();
  const [, navigate] = useLocation();
  const utils = trpc.useUtils();
  const [form, setForm] = useState<TRegisterInput>({ email: '', username: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const register = trpc.auth.register.useMutation({
    onSuccess: (created) => {
      utils.auth.me.setData(undefined, created);
      navigate('/');
    },
  });

  if (user && !register.isSuccess) return <Redirect to="/" />;

  const set = (field: keyof TRegisterInput) => (event: { target: { value: string } }) => {
    setForm((current) => ({ ...current, [field]: event.target.value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate(form);
    setErrors(found);
    if (Object.keys(found).length === 0) register.mutate(form);
  };

  return (
    <AuthCard
      title="Create your account"
      subtitle="A private vault for your images and videos, shared only when you choose."
      footer={
        <>
          Already have an account? <Link href="/login">Sign in</Link>
        </>
      }
    >
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label="Email"
          name="email"
          type="email"
          value={form.email}
          onChange={set('email')}
          error={errors.email}
          autoComplete="email"
        />
        <Field
          label="Username"
          name="username"
          value={form.username}
          onChange={set('username')}
          error={errors.username}
          hint="Shown next to what you share with the Community."
          autoComplete="username"
        />
        <Field
          label="Password"
          name="password"
          type="password"
          value={form.password}
          onChange={set('password')}
          error={errors.password}
          hint="At least 8 characters."
          autoComplete="new-password"
        />
        {register.error && (
          <p className="alert" role="alert">
            {errorMessage(register.error)}
          </p>
        )}
        <button type="submit" className="button button--primary button--block" disabled={register.isPending}>
          {register.isPending ? 'Creating account…' : 'Create account'}
        </button>
      </form>
    </AuthCard>
  );
};
