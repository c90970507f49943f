import { communityItemUrl, PAGES, type TCommunityItem } from '@mediashare/core/schemas';
import { useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useSession } from '../lib/session';
import { trpc } from '../trpc';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { MorePages } from '../ui/more-pages';
import { QueryState } from '../ui/query-state';
import { useDocumentTitle } from '../ui/use-document-title';
import { CommunityCard } from './community-card';
import { MatureToggle } from '../moderation/mature-gate';
import { CommunityFilters } from './community-filters';
import { communityViewerItem } from './community-viewer-item';
import { formatFeedQuery, parseFeedQuery, withTag, type FeedFilters } from './feed-query';
import { Viewer } from '../viewer/viewer';
import '../styles/community.css';
import '../styles/viewer.css';

const PAGE_SIZE = 24;
const TAGS_STALE_MS = 10 * 60 * 1000;

export const CommunityPage = () => {
  useDocumentTitle('Community');
  const search = useSearch();
  const [, navigate] = useLocation();
  const { user } = useSession();
  const filters = useMemo(() => parseFeedQuery(search), [search]);
  const tags = trpc.tags.list.useQuery(undefined, { staleTime: TAGS_STALE_MS });
  const input = { limit: PAGE_SIZE, tags: filters.tags, ...(filters.origin ? { origin: filters.origin } : {}) };
  const feed = trpc.community.list.useInfiniteQuery(input, { getNextPageParam: (page) => page.nextCursor });

  const utils = trpc.useUtils();
  const [removing, setRemoving] = useState<TCommunityItem | null>(null);
  const remove = trpc.community.remove.useMutation({
    onSuccess: async () => {
      setRemoving(null);
      // The feed loses the item; the vault item (if it is still there) loses its Community badge.
      await Promise.all([utils.community.list.invalidate(), utils.media.list.invalidate()]);
    },
  });

  const setFilters = (next: FeedFilters) => navigate(`/community${formatFeedQuery(next)}`);
  const labelOf = (slug: string) => tags.data?.find((t) => t.slug === slug)?.label ?? slug;
  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];
  const [viewing, setViewing] = useState<number | null>(null);
  const isFiltered = filters.tags.length > 0 || filters.origin !== undefined;

  return (
    <main className="page community">
      <div className="page__head">
        <div>
          <h1>Community</h1>
          <p className="page__lead">What people chose to share with everyone, newest first.</p>
        </div>
        <MatureToggle />
      </div>
      <CommunityFilters filters={filters} tags={tags.data ?? []} isLoadingTags={tags.isLoading} onChange={setFilters} />

      <QueryState
        query={feed}
        loading="Loading the feed…"
        failed="Could not load the Community feed"
        empty={{
          when: items.length === 0,
          title: isFiltered ? 'Nothing matches these filters' : 'Nothing has been shared yet',
          action: isFiltered ? { label: 'Clear filters', onClick: () => setFilters({ tags: [], origin: undefined }) } : undefined,
          children: isFiltered ? (
            'Try fewer tags: an item must carry every tag you pick.'
          ) : user ? (
            <>
              Share something from <Link href={PAGES.home}>your vault</Link> and it will appear here.
            </>
          ) : (
            <>
              <Link href={PAGES.register}>Create an account</Link> to be the first to share.
            </>
          ),
        }}
      />
      {items.length > 0 && (
        <ul className="feed-grid" aria-label="Community feed">
          {items.map((item, index) => (
            <CommunityCard
              key={item.id}
              item={item}
              onOpen={() => setViewing(index)}
              labelOf={labelOf}
              tagHref={(slug) => `/community${formatFeedQuery(withTag(filters, slug))}`}
              onRemove={user?.username === item.owner.username ? () => setRemoving(item) : undefined}
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
    </main>
  );
};
