import { QRCodeSVG } from 'qrcode.react';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/errors';
import { trpc } from '../trpc';
import { Field } from '../ui/field';
import { PageState } from '../ui/page-state';
import { useDocumentTitle } from '../ui/use-document-title';
import '../styles/instance.css';

/** Scan, confirm a code, keep the recovery codes: the three steps of turning two-factor sign-in on. */
const EnableTwoFactor = ({ onCodes, onEnabled }: { onCodes: () => void; onEnabled: () => void }) => {
  const setup = trpc.auth.twoFactor.setup.useMutation();
  // gcTime 0: the recovery codes leave memory with the mutation once the page is left.
  const enable = trpc.auth.twoFactor.enable.useMutation({ gcTime: 0, onSuccess: onCodes });
  const [code, setCode] = useState('');

  if (enable.data) {
    return (
      <section className="instance-card" aria-labelledby="recovery-title">
        <h2 id="recovery-title">Two-factor sign-in is on</h2>
        <p>
          Keep these recovery codes somewhere safe. Each one signs you in once if you lose your authenticator. They are shown only
          now.
        </p>
        <ul className="recovery-codes" aria-label="Recovery codes">
          {enable.data.recoveryCodes.map((recovery) => (
            <li key={recovery}>
              <code>{recovery}</code>
            </li>
          ))}
        </ul>
        <button type="button" className="button button--primary" onClick={onEnabled}>
          I have saved them
        </button>
      </section>
    );
  }

  if (!setup.data) {
    return (
      <section className="instance-card">
        <p>Sign-in will ask for a code from an authenticator app (such as Aegis, 2FAS or 1Password) after your password.</p>
        {setup.error && (
          <p className="alert" role="alert">
            {errorMessage(setup.error)}
          </p>
        )}
        <button type="button" className="button button--primary" onClick={() => setup.mutate()} disabled={setup.isPending}>
          Set up two-factor sign-in
        </button>
      </section>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    enable.mutate({ code });
  };
  return (
    <section className="instance-card" aria-labelledby="scan-title">
      <h2 id="scan-title">Scan this code with your authenticator app</h2>
      <div className="two-factor__qr">
        <QRCodeSVG value={setup.data.otpauthUrl} size={192} marginSize={2} title="QR code for your authenticator app" />
      </div>
      <p>
        Or type this key: <code data-testid="totp-secret">{setup.data.secret}</code>
      </p>
      <form className="form" onSubmit={submit}>
        <Field
          label="Code from the app"
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="one-time-code"
          inputMode="numeric"
          required
        />
        {enable.error && (
          <p className="alert" role="alert">
            {errorMessage(enable.error)}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={enable.isPending}>
          Turn on
        </button>
      </form>
    </section>
  );
};

const DisableTwoFactor = ({ onDisabled }: { onDisabled: () => void }) => {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const disable = trpc.auth.twoFactor.disable.useMutation({ onSuccess: onDisabled });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    disable.mutate({ password, code });
  };
  return (
    <section className="instance-card" aria-labelledby="disable-title">
      <p className="instance-card__status">Two-factor sign-in is on.</p>
      <h2 id="disable-title">Turn it off</h2>
      <form className="form" onSubmit={submit}>
        <Field
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
        />
        <Field
          label="Code from the app, or a recovery code"
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="one-time-code"
          required
        />
        {disable.error && (
          <p className="alert" role="alert">
            {errorMessage(disable.error)}
          </p>
        )}
        <button type="submit" className="button" disabled={disable.isPending}>
          Turn off two-factor sign-in
        </button>
      </form>
    </section>
  );
};

/** /account/two-factor: a page of its own, linked from the account page. */
export const TwoFactorPage = () => {
  useDocumentTitle('Two-factor sign-in');
  const utils = trpc.useUtils();
  const status = trpc.auth.status.useQuery();
  const [justEnabled, setJustEnabled] = useState(false);
  const refresh = () => void utils.auth.status.invalidate();

  return (
    <main className="page instance">
      <div className="page__head">
        <div>
          <h1>Two-factor sign-in</h1>
          <p className="page__lead">A code from your phone as well as your password, so a stolen password is not enough.</p>
        </div>
      </div>
      {status.isLoading && <PageState kind="loading" title="Loading…" />}
      {status.error && (
        <PageState kind="error" title="Could not load your account">
          {errorMessage(status.error)}
        </PageState>
      )}
      {status.data &&
        (status.data.twoFactor && !justEnabled ? (
          <DisableTwoFactor onDisabled={refresh} />
        ) : (
          // Stays on screen after enabling, whatever the status says meanwhile, until the codes are saved.
          <EnableTwoFactor
            onCodes={() => setJustEnabled(true)}
            onEnabled={() => {
              setJustEnabled(false);
              refresh();
            }}
          />
        ))}
    </main>
  );
};
