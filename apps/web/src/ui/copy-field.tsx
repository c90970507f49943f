import { useId, useState } from 'react';
import { copyText } from '../lib/clipboard';

export type CopyState = 'idle' | 'copied' | 'failed';

interface CopyFieldProps {
  label: string;
  value: string;
  copyState: CopyState;
  onCopyState: (state: CopyState) => void;
  /** The line under the field in each state: what the value is for, then whether copying worked. */
  status: Record<CopyState, string>;
}

/** A value in a read-only field with a Copy button; it can still be selected by hand when the clipboard is refused. */
export const CopyField = ({ label, value, copyState, onCopyState, status }: CopyFieldProps) => {
  const id = useId();
  const [isCopying, setIsCopying] = useState(false);
  const copy = async () => {
    setIsCopying(true);
    onCopyState((await copyText(value)) ? 'copied' : 'failed');
    setIsCopying(false);
  };
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <input
          id={id}
          type="text"
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void copy()} disabled={isCopying}>
          Copy
        </button>
      </div>
      <p className={`copy-field__status is-${copyState}`} role="status">
        {status[copyState]}
      </p>
    </div>
  );
};
