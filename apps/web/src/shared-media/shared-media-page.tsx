import type { TSharedMedia } from '@mediashare/core/schemas';
import type { CSSProperties } from 'react';
import { isDeadLink, statusOf } from '../lib/errors';
import { formatBytes } from '../lib/format';
import { linkify } from '../lib/linkify';
import { placeholderUrl } from '../lib/placeholder';
import { trpc } from '../trpc';
import { QueryState } from '../ui/query-state';
import { useDocumentTitle } from '../ui/use-document-title';
import { InactiveLink, type InactiveReason } from './inactive-link';
import { UnlockForm } from './unlock-form';
import { MatureInterstitial } from '../moderation/mature-gate';
import { isRemoved, RemovedItem } from '../moderation/removed-item';
import { ReportButton } from '../moderation/report-dialog';
import '../styles/shared.css';

const KIND_LABELS: Record<TSharedMedia['kind'], string> = { image: 'image', gif: 'GIF', video: 'video' };

const MAX_HEIGHT_VH = 78;

/**
 * The frame takes the file's shape before a byte arrives, never wider than the file itself nor taller than
 * most of the screen, so nothing below it moves when it loads. Without dimensions (some videos) it is 16:9.
 */
const frameStyle = ({ width, height }: TSharedMedia): CSSProperties | undefined =>
  width && height
    ? { aspectRatio: `${width} / ${height}`, width: `min(100%, ${width}px, ${((MAX_HEIGHT_VH * width) / height).toFixed(2)}vh)` }
    : undefined;

const placeholderStyle = (hash: string | null): CSSProperties | undefined => {
  const url = placeholderUrl(hash);
  return url ? { backgroundImage: `url("${url}")`, backgroundSize: 'cover' } : undefined;
};

const SharedMedia = ({ media }: { media: TSharedMedia }) => {
  const hasSize = media.width !== null && media.height !== null;
  return (
    <figure className="shared-media">
      {media.title && <h1 className="shared-media__title">{media.title}</h1>}
      <div className={`shared-media__frame${hasSize ? '' : ' shared-media__frame--unsized'}`} style={frameStyle(media)}>
        {media.kind === 'video' ? (
          // The file endpoint answers Range requests, so the browser can seek without downloading it all.
          <video
            src={media.fileUrl}
            poster={media.previewUrl ?? undefined}
            controls
            playsInline
            preload="metadata"
            width={media.width ?? undefined}
            height={media.height ?? undefined}
          />
        ) : (
          // The 2048 px preview, painted over the placeholder; the file itself only while there is none.
          <img
            src={media.previewUrl ?? media.fileUrl}
            style={placeholderStyle(media.placeholder)}
            alt={media.altText ?? `Shared ${KIND_LABELS[media.kind]}`}
            width={media.width ?? undefined}
            height={media.height ?? undefined}
          />
        )}
      </div>
      {media.caption && <p className="shared-media__caption">{linkify(media.caption)}</p>}
      <figcaption>
        <span>
          Shared {KIND_LABELS[media.kind]} · {formatBytes(media.size)}
          {hasSize ? ` · ${media.width}×${media.height}` : ''}
        </span>
        <span>
          <ReportButton target={{ code: media.shareCode }} />
          {media.allowDownload && (
            <a className="button button--small" href={`${media.fileUrl}?download=1`} download>
              Download
            </a>
          )}
        </span>
      </figcaption>
    </figure>
  );
};

/** Why a link shows nothing: retired or unknown, expired, used up (the server's 404 and 410s). */
const inactiveReason = (error: unknown): InactiveReason | null => {
  if (isDeadLink(error) && !(error instanceof Error && /expired|view limit/.test(error.message))) return 'gone';
  if (error instanceof Error && /has expired/.test(error.message)) return 'expired';
  if (error instanceof Error && /view limit/.test(error.message)) return 'limit';
  return null;
};

export const SharedMediaPage = ({ code }: { code: string }) => {
  const shared = trpc.shared.get.useQuery({ code }, { retry: false });
  const isTakenDown = isRemoved(shared.error);
  const reason = isTakenDown ? null : inactiveReason(shared.error);
  const isLocked = statusOf(shared.error) === 401;
  useDocumentTitle(
    isTakenDown
      ? 'Item removed'
      : reason
        ? 'Link no longer active'
        : isLocked
          ? 'Password required'
          : shared.data
            ? `Shared ${KIND_LABELS[shared.data.kind]}`
            : 'Shared media',
  );

  return (
    <main className="page shared-page">
      {isTakenDown ? (
        <RemovedItem />
      ) : reason ? (
        <InactiveLink reason={reason} />
      ) : isLocked ? (
        <UnlockForm code={code} onUnlocked={() => void shared.refetch()} />
      ) : (
        <QueryState query={shared} loading="Opening the link…" failed="Could not open this link" />
      )}
      {shared.data && (
        <MatureInterstitial isMature={shared.data.mature}>
          <SharedMedia media={shared.data} />
        </MatureInterstitial>
      )}
    </main>
  );
};
