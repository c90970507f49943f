import { CopyField, type CopyState } from '../ui/copy-field';

const STATUS: Record<CopyState, string> = {
  idle: 'Anyone with this link can view it, without an account.',
  copied: 'Link copied to clipboard.',
  failed: 'Could not copy automatically: select the link above and copy it.',
};

interface ShareLinkFieldProps {
  url: string;
  copyState: CopyState;
  onCopyState: (state: CopyState) => void;
}

export const ShareLinkField = ({ url, copyState, onCopyState }: ShareLinkFieldProps) => (
  <CopyField label="Share link" value={url} copyState={copyState} onCopyState={onCopyState} status={STATUS} />
);
