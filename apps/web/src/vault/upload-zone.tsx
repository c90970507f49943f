import { useId, useRef } from 'react';
import { formatBytes } from '../lib/format';

/** What the server accepts (it decides from the bytes; this only narrows the file picker). */
const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,video/mp4,video/webm,video/quicktime';

interface UploadZoneProps {
  isDragging: boolean;
  maxBytes: number | undefined;
  onFiles: (files: File[]) => void;
}

export const UploadZone = ({ isDragging, maxBytes, onFiles }: UploadZoneProps) => {
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  return (
    <section className={`upload-zone${isDragging ? ' is-dragging' : ''}`} aria-label="Upload">
      <svg className="upload-zone__icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true">
        <path
          d="M12 16V4m0 0l-4.5 4.5M12 4l4.5 4.5M4 15v3a2 2 0 002 2h12a2 2 0 002-2v-3"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <p className="upload-zone__title">{isDragging ? 'Drop to upload' : 'Drag images, GIFs or videos here'}</p>
      <button type="button" className="button button--primary" onClick={() => input.current?.click()} aria-describedby={hintId}>
        Choose files
      </button>
      <p id={hintId} className="upload-zone__hint">
        JPEG, PNG, WebP, GIF, MP4, WebM or QuickTime{maxBytes === undefined ? '' : `, up to ${formatBytes(maxBytes)} each`}.
        Several at once is fine.
      </p>
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        multiple
        accept={ACCEPT}
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // Reset so choosing the same file again still fires a change.
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </section>
  );
};
