import { useId, useState } from 'react';
import { copyText } from '../lib/clipboard';

export type CopyState = 'idle' | 'copied' | 'failed';

interface ShareLinkFieldProps {
  url: string;
  copyState: CopyState;
  onCopyState: (state: CopyState) => void;
}

/** The link in a read-only field, so it can be selected by hand when the clipboard is not available. */
export const ShareLinkField = ({ url, copyState, onCopyState }: ShareLinkFieldProps) => {
  const id = useId();
  const [isCopying, setIsCopying] = useState(false);
  const copy = async () => {
    setIsCopying(true);
    onCopyState((await copyText(url)) ? 'copied' : 'failed');
    setIsCopying(false);
  };
  return (
    <div className="share-link">
      <label htmlFor={id}>Share link</label>
      <div className="share-link__row">
        <input id={id} type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button" onClick={() => void copy()} disabled={isCopying}>
          Copy
        </button>
      </div>
      <p className={`share-link__status is-${copyState}`} role="status">
        {copyState === 'copied' && 'Link copied to clipboard.'}
        {copyState === 'failed' && 'Could not copy automatically: select the link above and copy it.'}
        {copyState === 'idle' && 'Anyone with this link can view it, without an account.'}
      </p>
    </div>
  );
};
