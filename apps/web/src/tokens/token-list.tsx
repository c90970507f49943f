import type { TApiToken } from '@mediashare/core/schemas';
import { formatDate, formatDateTime, formatTimeAgo } from '../lib/format';

interface TokenListProps {
  tokens: readonly TApiToken[];
  onRevoke: (token: TApiToken) => void;
}

const When = ({ iso, children }: { iso: string; children: string }) => (
  <time dateTime={iso} title={formatDateTime(iso)}>
    {children}
  </time>
);

const Expiry = ({ expiresAt, now }: { expiresAt: string | null; now: number }) => {
  if (!expiresAt) return <li>Never expires</li>;
  const isExpired = new Date(expiresAt).getTime() <= now;
  return (
    <li className={isExpired ? 'is-expired' : undefined}>
      {isExpired ? 'Expired' : 'Expires'} <When iso={expiresAt}>{formatDate(expiresAt)}</When>
    </li>
  );
};

const TokenRow = ({ token, now, onRevoke }: { token: TApiToken; now: number; onRevoke: () => void }) => (
  <li className="token-row">
    <div className="token-row__id">
      <p className="token-row__name" title={token.name}>
        {token.name}
      </p>
      <code className="token-row__prefix">{token.prefix}…</code>
    </div>
    <ul className="badges" aria-label="Scopes">
      {token.scopes.map((scope) => (
        <li key={scope} className="badge badge--link">
          {scope}
        </li>
      ))}
    </ul>
    <ul className="token-row__meta">
      <li>
        Created <When iso={token.createdAt}>{formatTimeAgo(token.createdAt, now)}</When>
      </li>
      <li>
        {token.lastUsedAt ? (
          <>
            Last used <When iso={token.lastUsedAt}>{formatTimeAgo(token.lastUsedAt, now)}</When>
          </>
        ) : (
          'Never used'
        )}
      </li>
      <Expiry expiresAt={token.expiresAt} now={now} />
    </ul>
    <button
      type="button"
      className="button button--small button--quiet button--danger-text"
      onClick={onRevoke}
      aria-label={`Revoke ${token.name}`}
    >
      Revoke
    </button>
  </li>
);

export const TokenList = ({ tokens, onRevoke }: TokenListProps) => {
  const now = Date.now();
  return (
    <ul className="token-list" aria-label="Your tokens">
      {tokens.map((token) => (
        <TokenRow key={token.id} token={token} now={now} onRevoke={() => onRevoke(token)} />
      ))}
    </ul>
  );
};
