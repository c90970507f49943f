import { TOKEN_SCOPES } from '@mediashare/core/schemas';
import { SCOPE_DESCRIPTIONS } from './scopes';

export const TokenHelp = () => (
  <section className="tokens-card token-help" aria-labelledby="token-help-title">
    <h2 id="token-help-title">Using a token</h2>
    <p>Scripts and other apps send it in a header with every request to the API, in place of your password:</p>
    <pre>
      <code>GET /api/user/media{'\n'}Authorization: Bearer &lt;token&gt;</code>
    </pre>
    <p>A token can do only what its scopes allow:</p>
    <dl className="token-help__scopes">
      {TOKEN_SCOPES.map((scope) => (
        <div key={scope}>
          <dt>
            <code>{scope}</code>
          </dt>
          <dd>{SCOPE_DESCRIPTIONS[scope]}</dd>
        </div>
      ))}
    </dl>
    <p>Tokens cannot create or revoke tokens: that takes you, signed in here.</p>
  </section>
);
