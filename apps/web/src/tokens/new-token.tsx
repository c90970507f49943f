import type { TCreatedApiToken } from '@mediashare/core/schemas';
import { useEffect, useId, useRef, useState } from 'react';
import { CopyField, type CopyState } from '../ui/copy-field';

const STATUS: Record<CopyState, string> = {
  idle: 'Keep it somewhere safe, such as a password manager.',
  copied: 'Token copied to clipboard.',
  failed: 'Could not copy automatically: select the token above and copy it.',
};

/**
 * The secret, shown once: the server keeps only its hash, so nothing can show it again. It lives in the
 * create mutation's result until Done, and goes with the page.
 */
export const NewToken = ({ token, onDone }: { token: TCreatedApiToken; onDone: () => void }) => {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copyState, setCopyState] = useState<CopyState>('idle');
  // The panel appears above the form that created it: take keyboard and screen reader users to it.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="new-token" aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        Token “{token.name}” created
      </h2>
      <p className="new-token__warning">
        <strong>Copy it now: you will not see it again.</strong> If it is lost, revoke it and create another.
      </p>
      <CopyField label="Your new token" value={token.token} copyState={copyState} onCopyState={setCopyState} status={STATUS} />
      <div className="new-token__actions">
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
};
