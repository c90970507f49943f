import type { TMediaItem } from '@mediashare/core/schemas';
import { formatBytes } from '../lib/format';
import { MediaThumb } from './media-thumb';

interface MediaCardProps {
  item: TMediaItem;
  onOpen: () => void;
  onShare: (item: TMediaItem) => void;
  onDelete: (item: TMediaItem) => void;
}

export const MediaCard = ({ item, onOpen, onShare, onDelete }: MediaCardProps) => (
  <li className="media-card" data-media-id={item.id}>
    <button type="button" className="thumb__open" onClick={onOpen} aria-label={`Open ${item.fileName}`}>
      <MediaThumb item={item} />
    </button>
    <div className="media-card__body">
      <p className="media-card__name" title={item.fileName}>
        {item.fileName}
      </p>
      <p className="media-card__meta">
        {formatBytes(item.size)}
        {item.width && item.height ? ` · ${item.width}×${item.height}` : ''}
      </p>
      <div className="badges">
        {item.isShared ? <span className="badge badge--link">Link</span> : <span className="badge">Private</span>}
        {item.shareToCommunity && <span className="badge badge--community">Community</span>}
        {item.communityStatus === 'hidden' && <span className="badge">Hidden pending review</span>}
        {item.communityStatus === 'removed' && (
          <span className="badge badge--removed" title={item.communityRemovedReason ?? undefined}>
            Removed from the Community: {item.communityRemovedReason}
          </span>
        )}
      </div>
    </div>
    <div className="media-card__actions">
      <button type="button" className="button button--small" onClick={() => onShare(item)} aria-label={`Share ${item.fileName}`}>
        Share
      </button>
      <button
        type="button"
        className="button button--small button--quiet"
        onClick={() => onDelete(item)}
        aria-label={`Delete ${item.fileName}`}
      >
        Delete
      </button>
    </div>
  </li>
);
