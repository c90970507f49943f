import type { TReportGroup } from '@mediashare/core/schemas';
import { useState } from 'react';
import { Link } from 'wouter';
import { errorMessage } from '../lib/errors';
import { formatTimeAgo } from '../lib/format';
import { trpc } from '../trpc';
import { QueryState } from '../ui/query-state';
import { useDocumentTitle } from '../ui/use-document-title';
import '../styles/moderation.css';

/** A reported picture stays blurred until the moderator clicks it. */
const BlurredPreview = ({ group }: { group: TReportGroup }) => {
  const [isRevealed, setIsRevealed] = useState(false);
  if (!group.previewUrl) return <div className="queue-item__preview queue-item__preview--none">No preview</div>;
  return (
    <button
      type="button"
      className={`queue-item__preview${isRevealed ? '' : ' queue-item__preview--blurred'}`}
      onClick={() => setIsRevealed((v) => !v)}
      aria-label={isRevealed ? 'Blur the preview' : 'Reveal the preview'}
    >
      {group.previewMimeType?.startsWith('video/') ? (
        <video src={group.previewUrl} muted />
      ) : (
        <img src={group.previewUrl} alt="" />
      )}
    </button>
  );
};

const QueueItem = ({ group }: { group: TReportGroup }) => {
  const utils = trpc.useUtils();
  const [reason, setReason] = useState('');
  const done = { onSuccess: () => utils.moderation.reports.invalidate() };
  const dismiss = trpc.moderation.dismiss.useMutation(done);
  const takedown = trpc.moderation.takedown.useMutation(done);
  const restore = trpc.moderation.restore.useMutation(done);
  const ban = trpc.moderation.communityBan.useMutation(done);
  const failure = dismiss.error ?? takedown.error ?? restore.error ?? ban.error;
  const id = group.communityMediaId;
  return (
    <li className="queue-item" data-community-id={id ?? undefined}>
      <BlurredPreview group={group} />
      <div className="queue-item__body">
        <p>
          <strong>{group.reporters}</strong> {group.reporters === 1 ? 'reporter' : 'reporters'} · {group.reasons.join(', ')} ·{' '}
          {group.status} · first {formatTimeAgo(group.firstReportedAt)}
          {group.mature && ' · marked mature'}
        </p>
        {group.owner && <p>Owner: @{group.owner.username}</p>}
        {id !== null && (
          <p>
            <Link href={`/community/${id}`}>Community item {id}</Link>
          </p>
        )}
        {group.details.length > 0 && (
          <ul className="queue-item__details">
            {group.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
        <p className="queue-item__receipt">
          {group.receipt
            ? `Agreed to policy ${group.receipt.policyVersion} on ${new Date(group.receipt.createdAt).toLocaleString()}`
            : 'No consent receipt'}
        </p>
        <div className="queue-item__actions">
          <button type="button" className="button button--small" onClick={() => dismiss.mutate({ id: group.reportId })}>
            Dismiss
          </button>
          {id !== null && group.status === 'hidden' && (
            <button type="button" className="button button--small" onClick={() => restore.mutate({ id })}>
              Restore
            </button>
          )}
          {id !== null && (
            <form
              className="queue-item__takedown"
              onSubmit={(event) => {
                event.preventDefault();
                takedown.mutate({ id, reason });
              }}
            >
              <input
                aria-label="Takedown reason"
                placeholder="Reason (required)"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <button type="submit" className="button button--small button--danger" disabled={!reason.trim()}>
                Take down
              </button>
            </form>
          )}
          {group.owner && (
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => ban.mutate({ id: group.owner!.id })}
            >
              Ban owner from the Community
            </button>
          )}
        </div>
        {failure && <p role="alert">{errorMessage(failure)}</p>}
      </div>
    </li>
  );
};

/** `/admin`: open reports grouped by item, most reported first. Anyone else gets the API's 404. */
export const AdminQueuePage = () => {
  useDocumentTitle('Moderation queue');
  const queue = trpc.moderation.reports.useQuery(undefined, { retry: false });
  return (
    <main className="page admin-page">
      <header className="admin-page__header">
        <h1>Moderation queue</h1>
        <nav aria-label="Administration" className="admin-page__nav">
          <Link href="/admin/log">Moderation log</Link> · <Link href="/admin/invites">Invites</Link> ·{' '}
          <Link href="/admin/users">Users and quotas</Link> · <Link href="/admin/tags">Tags</Link>
        </nav>
      </header>
      <QueryState query={queue} loading="Loading reports…" failed="Could not load the queue" />
      {queue.data && queue.data.items.length === 0 && <p>No open reports.</p>}
      {queue.data && (
        <ul className="queue">
          {queue.data.items.map((group) => (
            <QueueItem key={`${group.communityMediaId}-${group.mediaId}`} group={group} />
          ))}
        </ul>
      )}
    </main>
  );
};
