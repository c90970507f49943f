import { PAGES } from '@mediashare/core/schemas';
import { useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useSession } from '../lib/session';
import { trpc } from '../trpc';
import { useDocumentTitle } from '../ui/use-document-title';
import { CommunityFeed } from './community-feed';
import { MatureToggle } from '../moderation/mature-gate';
import { CommunityFilters } from './community-filters';
import { FeedLinks, useFeedLinks } from './feed-links';
import { formatFeedQuery, parseFeedQuery, withTag, type FeedFilters } from './feed-query';

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
  useFeedLinks(formatFeedQuery(filters), filters.tags.length > 0 ? `Community: ${filters.tags.join(', ')}` : 'Community');

  const setFilters = (next: FeedFilters) => navigate(`/community${formatFeedQuery(next)}`);
  const labelOf = (slug: string) => tags.data?.find((t) => t.slug === slug)?.label ?? slug;
  const isFiltered = filters.tags.length > 0 || filters.origin !== undefined;

  return (
    <main className="page community">
      <div className="page__head">
        <div>
          <h1>Community</h1>
          <p className="page__lead">What people chose to share with everyone, newest first.</p>
        </div>
        <FeedLinks query={formatFeedQuery(filters)} />
        <MatureToggle />
      </div>
      <CommunityFilters filters={filters} tags={tags.data ?? []} isLoadingTags={tags.isLoading} onChange={setFilters} />
      <CommunityFeed
        input={input}
        label="Community feed"
        labelOf={labelOf}
        tagHref={(slug) => `/community${formatFeedQuery(withTag(filters, slug))}`}
        empty={{
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
    </main>
  );
};
