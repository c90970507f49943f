import { TOKEN_SCOPES, type TCreateTokenInput, type TTokenScope } from '@mediashare/core/schemas';
import { useId, useState, type FormEvent } from 'react';
import { Field } from '../ui/field';
import { SCOPE_DESCRIPTIONS } from './scopes';
import { checkTokenDraft, EXPIRY_CHOICES, TOKEN_NAME_MAX, type TokenDraft, type TokenDraftErrors } from './token-draft';

interface CreateTokenFormProps {
  isPending: boolean;
  error: string | null;
  onCreate: (input: TCreateTokenInput) => void;
}

// Least privilege and a bounded lifetime unless someone asks for more.
const INITIAL: TokenDraft = { name: '', scopes: ['read'], expiresInDays: 30 };

export const CreateTokenForm = ({ isPending, error, onCreate }: CreateTokenFormProps) => {
  const scopesErrorId = useId();
  const expiryId = useId();
  const [draft, setDraft] = useState<TokenDraft>(INITIAL);
  const [errors, setErrors] = useState<TokenDraftErrors>({});

  const toggleScope = (scope: TTokenScope, isOn: boolean) => {
    // Kept in the order the API lists them, whatever order they were ticked in.
    setDraft((d) => ({ ...d, scopes: TOKEN_SCOPES.filter((s) => (s === scope ? isOn : d.scopes.includes(s))) }));
    setErrors((e) => ({ ...e, scopes: undefined }));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkTokenDraft(draft);
    setErrors(checked.errors ?? {});
    if (checked.input) {
      onCreate(checked.input);
      return;
    }
    // Keyboard and screen reader users land on the first thing to fix.
    const firstInvalid = checked.errors.name ? 'input[name=name]' : 'input[name=scopes]';
    event.currentTarget.querySelector<HTMLInputElement>(firstInvalid)?.focus();
  };

  return (
    <form className="form token-form" onSubmit={submit} noValidate aria-label="Create a token">
      <Field
        label="Name"
        name="name"
        value={draft.name}
        maxLength={TOKEN_NAME_MAX}
        onChange={(e) => {
          setDraft((d) => ({ ...d, name: e.target.value }));
          setErrors((current) => ({ ...current, name: undefined }));
        }}
        error={errors.name}
        hint="What it is for, such as “Backup script”."
        autoComplete="off"
      />
      <fieldset className="token-form__scopes" aria-describedby={errors.scopes ? scopesErrorId : undefined}>
        <legend>Scopes</legend>
        {TOKEN_SCOPES.map((scope) => (
          <label key={scope} className="check">
            <input
              type="checkbox"
              name="scopes"
              checked={draft.scopes.includes(scope)}
              onChange={(e) => toggleScope(scope, e.target.checked)}
            />
            <span>
              {scope}
              <small>{SCOPE_DESCRIPTIONS[scope]}</small>
            </span>
          </label>
        ))}
        {errors.scopes && (
          <p id={scopesErrorId} className="field__error">
            {errors.scopes}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={expiryId}>Expires</label>
        <select
          id={expiryId}
          name="expiresInDays"
          value={draft.expiresInDays ?? 'never'}
          onChange={(e) => {
            const days = e.target.value === 'never' ? null : Number(e.target.value);
            setDraft((d) => ({ ...d, expiresInDays: EXPIRY_CHOICES.find((c) => c === days) ?? null }));
          }}
        >
          {EXPIRY_CHOICES.map((days) => (
            <option key={days ?? 'never'} value={days ?? 'never'}>
              {days === null ? 'Never' : `In ${days} days`}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={isPending}>
        {isPending ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
};
