import { communityItemUrl, profileUrl, type TCommunityItem } from '@mediashare/core/schemas';
import { useState, type CSSProperties } from 'react';
import { Link } from 'wouter';
import { formatTimeAgo } from '../lib/format';
import { linkify } from '../lib/linkify';
import { formatDuration } from '../lib/placeholder';
import { MatureCover } from '../moderation/mature-gate';
import { RenditionImage } from '../ui/rendition-image';

/** What only the owner sees on a card of theirs ("My posts"). */
export interface OwnerView {
  /** Its share link's views; null when it has no live link. */
  views: number | null;
  /** Opens the share dialog to edit it; absent once the original was deleted from the vault. */
  onEdit?: (() => void) | undefined;
}

interface CommunityCardProps {
  item: TCommunityItem;
  labelOf: (slug: string) => string;
  tagHref: (slug: string) => string;
  /** Given for the signed-in owner's own items: takes the item out of the feed (after confirming). */
  onRemove?: (() => void) | undefined;
  /** Opens the item in the viewer. */
  onOpen?: (() => void) | undefined;
  ownerView?: OwnerView | undefined;
}

const viewsText = (views: number | null) =>
  views === null ? 'No share link' : `${views.toLocaleString('en-US')} ${views === 1 ? 'view' : 'views'}`;

/** Feed columns: one on a phone, then about a third of the page up to 400 px. */
export const FEED_SIZES = '(max-width: 640px) 100vw, (max-width: 1280px) 33vw, 400px';

/** The sharer's alt text is the picture's accessible name; without one, who shared it and its tags. */
const altOf = (item: TCommunityItem) =>
  item.altText ?? `Shared by ${item.owner.username}${item.tags.length ? `, tagged ${item.tags.join(', ')}` : ''}`;

// Very tall or very wide items are cropped to this range so one panorama does not dominate a row.
const MIN_RATIO = 0.75;
const MAX_RATIO = 1.8;

/** The box is sized before the file arrives (from the API's dimensions) so nothing moves when it loads. */
const boxStyle = (item: TCommunityItem): CSSProperties => {
  if (!item.width || !item.height) return { aspectRatio: '16 / 9' };
  const ratio = Math.min(MAX_RATIO, Math.max(MIN_RATIO, item.width / item.height));
  return { aspectRatio: String(ratio) };
};

const CardMedia = ({ item, onOpen }: { item: TCommunityItem; onOpen?: (() => void) | undefined }) => {
  const [isPlaying, setIsPlaying] = useState(false);
  if (item.kind !== 'video') {
    const image = item.thumbnailUrl ? (
      <RenditionImage
        thumbnailUrl={item.thumbnailUrl}
        previewUrl={item.previewUrl}
        placeholder={item.placeholder}
        alt={altOf(item)}
        sizes={FEED_SIZES}
        width={item.width}
        height={item.height}
      />
    ) : (
      <img
        src={item.url}
        alt={altOf(item)}
        width={item.width ?? undefined}
        height={item.height ?? undefined}
        loading="lazy"
        decoding="async"
      />
    );
    if (!onOpen) return image;
    return (
      <button
        type="button"
        className="feed-card__open"
        onClick={onOpen}
        aria-label={item.altText ? `Open: ${item.altText}` : `Open item shared by ${item.owner.username}`}
      >
        {image}
      </button>
    );
  }
  // In the feed a video opens in the viewer like any item (its player, the arrows, the swipe); a card
  // shown without a viewer plays in place.
  if (isPlaying) return <video src={item.url} poster={item.previewUrl ?? undefined} controls autoPlay playsInline />;
  return (
    <button
      type="button"
      className="feed-card__play"
      onClick={() => (onOpen ? onOpen() : setIsPlaying(true))}
      aria-label={item.title ? `Play video: ${item.title}` : `Play video shared by ${item.owner.username}`}
    >
      {item.thumbnailUrl ? (
        <RenditionImage
          thumbnailUrl={item.thumbnailUrl}
          previewUrl={item.previewUrl}
          placeholder={item.placeholder}
          alt=""
          sizes={FEED_SIZES}
          width={item.width}
          height={item.height}
        />
      ) : (
        <video src={`${item.url}#t=0.1`} preload="metadata" muted playsInline tabIndex={-1} aria-hidden="true" />
      )}
      <span className="play-icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="28" height="28">
          <path d="M8 5.5v13l10.5-6.5z" fill="currentColor" />
        </svg>
      </span>
      {item.durationMs !== null && <span className="thumb__kind">{formatDuration(item.durationMs)}</span>}
    </button>
  );
};

export const CommunityCard = ({ item, labelOf, tagHref, onRemove, onOpen, ownerView }: CommunityCardProps) => (
  <li className="feed-card" data-community-id={item.id}>
    <div className={`feed-card__media feed-card__media--${item.kind}`} style={boxStyle(item)}>
      <MatureCover isMature={item.mature}>
        <CardMedia item={item} onOpen={onOpen} />
      </MatureCover>
      {item.kind === 'gif' && <span className="thumb__kind">GIF</span>}
    </div>
    <div className="feed-card__body">
      {item.title && <h2 className="feed-card__title">{item.title}</h2>}
      {item.caption && <p className="feed-card__caption">{linkify(item.caption)}</p>}
      <div className="feed-card__byline">
        <Link href={profileUrl(item.owner.username)} className="feed-card__owner">
          @{item.owner.username}
        </Link>
        <Link href={communityItemUrl(item.id)} className="feed-card__permalink">
          <time dateTime={item.createdAt}>{formatTimeAgo(item.createdAt)}</time>
        </Link>
      </div>
      {item.tags.length > 0 && (
        <ul className="chips chips--small" aria-label="Tags">
          {item.tags.map((slug) => (
            <li key={slug}>
              <Link href={tagHref(slug)} className="chip">
                #{labelOf(slug)}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {item.origin === 'generated' && <span className="badge badge--generated">Generated</span>}
      {ownerView && (
        <p className="feed-card__views" title="Views of its share link; only you see this">
          {viewsText(ownerView.views)}
        </p>
      )}
      {(ownerView?.onEdit ?? onRemove) && (
        <div className="feed-card__actions">
          {ownerView?.onEdit && (
            <button type="button" className="button button--quiet button--small" onClick={ownerView.onEdit}>
              Edit
            </button>
          )}
          {onRemove && (
            <button type="button" className="button button--quiet button--small button--danger-text" onClick={onRemove}>
              Remove from Community
            </button>
          )}
        </div>
      )}
    </div>
  </li>
);
