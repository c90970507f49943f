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

const FIELD_LABELS: Record<keyof TRegisterInput, string> = {
  email: 'Email',
  username: 'Username',
  password: 'Password',
  inviteCode: 'Invite code',
};

/** The code an invite link carries (`/register?invite=...`). */
const inviteFromLink = () => new URLSearchParams(window.location.search).get('invite') ?? '';

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
  const config = trpc.config.get.useQuery(undefined, { staleTime: Infinity });
  const mode = config.data?.registration;
  const [form, setForm] = useState<TRegisterInput>({ email: '', username: '', password: '', inviteCode: inviteFromLink() });
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
    const input = { ...form, inviteCode: mode === 'invite' ? form.inviteCode : undefined };
    const found = validate(input);
    if (mode === 'invite' && !form.inviteCode?.trim()) found.inviteCode = 'Invite code is required';
    setErrors(found);
    if (Object.keys(found).length === 0) register.mutate(input);
  };

  if (mode === 'closed') {
    return (
      <AuthCard
        title="Registration is closed"
        subtitle="This server does not take sign-ups. Its operator creates accounts; ask them for one."
        footer={
          <>
            Already have an account? <Link href="/login">Sign in</Link>
          </>
        }
      >
        {null}
      </AuthCard>
    );
  }

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
        {mode === 'invite' && (
          <Field
            label="Invite code"
            name="inviteCode"
            value={form.inviteCode ?? ''}
            onChange={set('inviteCode')}
            error={errors.inviteCode}
            hint="Sign-ups on this server need an invite. The link you were sent fills this in."
            autoComplete="off"
          />
        )}
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
