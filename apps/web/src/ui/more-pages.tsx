import { useInfiniteScroll } from '../lib/use-infinite-scroll';

interface InfiniteQueryLike {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The end of an infinite list: the next page comes as it scrolls into view, or from the button. */
export const MorePages = ({ query }: { query: InfiniteQueryLike }) => {
  const sentinel = useInfiniteScroll({
    hasMore: query.hasNextPage,
    isLoading: query.isFetchingNextPage,
    onLoadMore: () => void query.fetchNextPage(),
  });
  return (
    <>
      <div ref={sentinel} className="sentinel" />
      {query.hasNextPage && (
        <div className="load-more">
          <button type="button" className="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
};
