import { useState } from 'react';

interface ShareActionsProps {
  isInCommunity: boolean;
  isBusy: boolean;
  onStopCommunity: () => void;
  onDeleteLink: () => void;
}

/** Undoing a share: leave the feed but keep the link, or retire the link altogether (after a second click). */
export const ShareActions = ({ isInCommunity, isBusy, onStopCommunity, onDeleteLink }: ShareActionsProps) => {
  const [isConfirming, setIsConfirming] = useState(false);
  if (isConfirming) {
    return (
      <div className="share-actions share-actions--confirm" role="group" aria-label="Confirm deleting the link">
        <p>Delete this link? Anyone who opens it will be told it is no longer active. This cannot be undone.</p>
        <div className="button-row">
          <button type="button" className="button" onClick={() => setIsConfirming(false)}>
            Keep link
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={isBusy}
            onClick={() => {
              setIsConfirming(false);
              onDeleteLink();
            }}
          >
            Delete link
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="share-actions button-row">
      {isInCommunity && (
        <button type="button" className="button button--quiet" disabled={isBusy} onClick={onStopCommunity}>
          Remove from Community
        </button>
      )}
      <button
        type="button"
        className="button button--quiet button--danger-text"
        disabled={isBusy}
        onClick={() => setIsConfirming(true)}
      >
        Delete link…
      </button>
    </div>
  );
};
