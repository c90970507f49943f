import { formatBytes } from '../lib/format';
import type { UploadEntry } from './use-uploads';

interface UploadListProps {
  entries: readonly UploadEntry[];
  onCancel: (key: string) => void;
  onDismiss: (key: string) => void;
}

const statusText = (entry: UploadEntry, percent: number) => {
  switch (entry.status) {
    case 'queued':
      return 'Waiting…';
    case 'uploading':
      return `${percent}% · ${formatBytes(entry.sent)} of ${formatBytes(entry.total)}`;
    case 'processing':
      return 'Processing…';
    case 'done':
      return 'Uploaded';
    case 'error':
      return entry.error ?? 'Upload failed';
  }
};

export const UploadList = ({ entries, onCancel, onDismiss }: UploadListProps) => {
  if (entries.length === 0) return null;
  return (
    <ul className="upload-list" aria-label="Uploads">
      {entries.map((entry) => {
        const percent = entry.total > 0 ? Math.min(100, Math.round((entry.sent / entry.total) * 100)) : 0;
        const isActive = entry.status === 'queued' || entry.status === 'uploading' || entry.status === 'processing';
        return (
          <li key={entry.key} className={`upload-item is-${entry.status}`}>
            <div className="upload-item__head">
              <span className="upload-item__name" title={entry.name}>
                {entry.name}
              </span>
              <span className="upload-item__size">{formatBytes(entry.size)}</span>
            </div>
            <progress
              className="upload-item__bar"
              max={100}
              value={entry.status === 'error' ? 0 : percent}
              aria-label={`Uploading ${entry.name}`}
            />
            <div className="upload-item__foot">
              <span className="upload-item__status" role={entry.status === 'error' ? 'alert' : undefined}>
                {statusText(entry, percent)}
              </span>
              {isActive && entry.status !== 'processing' && (
                <button type="button" className="link-button" onClick={() => onCancel(entry.key)}>
                  Cancel
                </button>
              )}
              {entry.status === 'error' && (
                <button type="button" className="link-button" onClick={() => onDismiss(entry.key)}>
                  Dismiss
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
};
