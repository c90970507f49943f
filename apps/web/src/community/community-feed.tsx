import { communityItemUrl, type TCommunityFeedInput, type TCommunityItem } from '@mediashare/core/schemas';
import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useSession } from '../lib/session';
import { trpc } from '../trpc';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { MorePages } from '../ui/more-pages';
import { QueryState } from '../ui/query-state';
import { Viewer } from '../viewer/viewer';
import { CommunityCard, type OwnerView } from './community-card';
import { communityViewerItem } from './community-viewer-item';
import '../styles/community.css';
import '../styles/viewer.css';

interface FeedPagesProps<T extends TCommunityItem> {
  /** The pages' query: the public feed's, or the owner's own ("My posts"). */
  feed: {
    data?: { pages: { items: T[] }[] } | undefined;
    isLoading: boolean;
    isSuccess: boolean;
    error: unknown;
    refetch: () => unknown;
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => unknown;
  };
  labelOf: (slug: string) => string;
  tagHref: (slug: string) => string;
  label: string;
  empty: { title: string; action?: { label: string; onClick: () => void } | undefined; children: ReactNode };
  /** What the owner sees on a card of theirs beyond the public fields (views, the Edit action). */
  ownerView?: ((item: T) => OwnerView) | undefined;
}

interface CommunityFeedProps extends Omit<FeedPagesProps<TCommunityItem>, 'feed' | 'ownerView'> {
  input: TCommunityFeedInput;
}

/** The public feed's pages: the Community page and other people's profiles. */
export const CommunityFeed = ({ input, ...props }: CommunityFeedProps) => {
  const feed = trpc.community.list.useInfiniteQuery(input, { getNextPageParam: (page) => page.nextCursor });
  return <FeedPages feed={feed} {...props} />;
};

/** A feed's cards, pages, viewer and the owner's remove action: the Community page and profiles show it. */
export const FeedPages = <T extends TCommunityItem>({ feed, labelOf, tagHref, label, empty, ownerView }: FeedPagesProps<T>) => {
  const { user } = useSession();
  const utils = trpc.useUtils();
  const [removing, setRemoving] = useState<T | null>(null);
  const remove = trpc.community.remove.useMutation({
    onSuccess: async () => {
      setRemoving(null);
      // The feeds (and My posts) lose the item; the vault item (if it is still there) loses its Community badge.
      await Promise.all([utils.community.invalidate(), utils.media.list.invalidate()]);
    },
  });
  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];
  const [viewing, setViewing] = useState<number | null>(null);

  return (
    <>
      <QueryState
        query={feed}
        loading="Loading the feed…"
        failed="Could not load the Community feed"
        empty={{ when: items.length === 0, ...empty }}
      />
      {items.length > 0 && (
        <ul className="feed-grid" aria-label={label}>
          {items.map((item, index) => (
            <CommunityCard
              key={item.id}
              item={item}
              onOpen={() => setViewing(index)}
              labelOf={labelOf}
              tagHref={tagHref}
              onRemove={user?.username === item.owner.username ? () => setRemoving(item) : undefined}
              ownerView={ownerView?.(item)}
            />
          ))}
        </ul>
      )}
      <MorePages query={feed} />
      {feed.isSuccess && !feed.hasNextPage && items.length > 0 && <p className="feed-end">You have reached the end.</p>}
      {viewing !== null && (
        <Viewer
          items={items.map(communityViewerItem)}
          index={viewing}
          onIndex={setViewing}
          onClose={() => setViewing(null)}
          actions={(item) => (
            <>
              <Link className="button button--small" href={communityItemUrl(item.id)}>
                Permalink
              </Link>
              <a className="button button--small" href={item.fileUrl} download>
                Download
              </a>
            </>
          )}
        />
      )}
      {removing && (
        <ConfirmDialog
          title="Remove from the Community feed?"
          confirmLabel="Remove"
          pendingLabel="Removing…"
          mutation={remove}
          onConfirm={() => remove.mutate({ id: removing.id })}
          onClose={() => setRemoving(null)}
        >
          <p>Its public copy is deleted and it leaves the feed for everyone. Its share link, if it has one, keeps working.</p>
        </ConfirmDialog>
      )}
    </>
  );
};
