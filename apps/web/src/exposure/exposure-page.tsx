import type { TExposureItem } from '@mediashare/core/schemas';
import { useState } from 'react';
import { absoluteUrl } from '../lib/clipboard';
import { errorMessage } from '../lib/errors';
import { trpc } from '../trpc';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { QueryState } from '../ui/query-state';
import { useDocumentTitle } from '../ui/use-document-title';
import '../styles/exposure.css';

type RevokeAll = { links: boolean; community: boolean };

const STATUS_LABELS = { active: 'Active', expired: 'Expired', limitReached: 'View limit reached' } as const;

const describeLink = (link: NonNullable<TExposureItem['link']>) =>
  [
    STATUS_LABELS[link.status],
    `${link.views} ${link.views === 1 ? 'view' : 'views'}${link.maxViews !== null ? ` of ${link.maxViews}` : ''}`,
    link.expiresAt ? `expires ${new Date(link.expiresAt).toLocaleString()}` : 'no expiry',
    link.hasPassword ? 'password' : 'no password',
  ].join(' · ');

const ExposureRow = ({ item, onChanged }: { item: TExposureItem; onChanged: () => void }) => {
  const stopSharing = trpc.share.delete.useMutation({ onSuccess: onChanged });
  const removeCopy = trpc.community.remove.useMutation({ onSuccess: onChanged });
  const mutation = item.mediaId !== null ? stopSharing : removeCopy;
  const name = item.fileName ?? 'A community item whose original you deleted';
  return (
    <li className="exposure-row">
      <div className="exposure-row__main">
        <p className="exposure-row__name">{name}</p>
        <p className="exposure-row__meta">Public since {new Date(item.exposedAt).toLocaleString()}</p>
        {item.link && (
          <p className="exposure-row__meta">
            Link <a href={absoluteUrl(item.link.shareUrl)}>{item.link.shareUrl}</a> · {describeLink(item.link)}
          </p>
        )}
        {item.community && <p className="exposure-row__meta">In the Community feed</p>}
        {mutation.error && (
          <p className="alert" role="alert">
            {errorMessage(mutation.error)}
          </p>
        )}
      </div>
      <button
        type="button"
        className="button button--small button--danger"
        disabled={mutation.isPending}
        aria-label={`Revoke ${name}`}
        onClick={() =>
          item.mediaId !== null
            ? stopSharing.mutate({ id: item.mediaId })
            : removeCopy.mutate({ id: item.community!.communityMediaId })
        }
      >
        {mutation.isPending ? 'Revoking…' : 'Revoke'}
      </button>
    </li>
  );
};

/** "What's public": every link and community item of the user, with per-row and all-at-once revokes. */
export const ExposurePage = () => {
  useDocumentTitle("What's public");
  const utils = trpc.useUtils();
  const exposure = trpc.exposure.list.useInfiniteQuery({ limit: 30 }, { getNextPageParam: (page) => page.nextCursor });
  const [confirming, setConfirming] = useState<RevokeAll | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => Promise.all([utils.exposure.list.invalidate(), utils.media.list.invalidate()]);
  const revokeAll = trpc.exposure.revoke.useMutation({
    onSuccess: (counts) => {
      setConfirming(null);
      setNotice(
        `Revoked ${counts.links} ${counts.links === 1 ? 'link' : 'links'} and ${counts.community} community ${counts.community === 1 ? 'item' : 'items'}.`,
      );
      void refresh();
    },
  });
  const items = exposure.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <main className="page exposure">
      <div className="page__head">
        <div>
          <h1>What’s public</h1>
          <p className="page__lead">Every share link you made and everything you put in the Community feed.</p>
        </div>
        <div className="exposure__actions">
          <button
            type="button"
            className="button button--danger"
            onClick={() => setConfirming({ links: true, community: false })}
          >
            Revoke all links
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => setConfirming({ links: false, community: true })}
          >
            Remove all from Community
          </button>
        </div>
      </div>
      <p className="notice" role="status">
        {notice}
      </p>
      <QueryState query={exposure} loading="Loading what is public…" failed="Could not load what is public" />
      {exposure.data && items.length === 0 && <p className="exposure__empty">Nothing of yours is public.</p>}
      {items.length > 0 && (
        <ul className="exposure-list">
          {items.map((item) => (
            <ExposureRow
              key={`${item.mediaId ?? 'c'}-${item.community?.communityMediaId ?? ''}`}
              item={item}
              onChanged={() => void refresh()}
            />
          ))}
        </ul>
      )}
      {exposure.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={exposure.isFetchingNextPage}
          onClick={() => void exposure.fetchNextPage()}
        >
          {exposure.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </button>
      )}
      {confirming && (
        <ConfirmDialog
          title={confirming.links ? 'Revoke every share link?' : 'Remove everything from the Community?'}
          confirmLabel={confirming.links ? 'Revoke all links' : 'Remove all'}
          pendingLabel="Revoking…"
          mutation={revokeAll}
          onConfirm={() => revokeAll.mutate(confirming)}
          onClose={() => setConfirming(null)}
        >
          <p>
            {confirming.links
              ? 'Every link you shared stops working at once, for everyone who has it. New shares make new links.'
              : 'Every item you put in the Community feed is taken out and its public copy deleted. Your vault keeps the originals.'}
          </p>
        </ConfirmDialog>
      )}
    </main>
  );
};
