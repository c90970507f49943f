import { useEffect, useRef } from 'react';

interface InfiniteScrollOptions {
  hasMore: boolean;
  isLoading: boolean;
  onLoadMore: () => void;
}

/**
 * Returns a ref for a sentinel placed after the list; reaching it loads the next page. The observer is
 * rebuilt after each page, and a new observer reports a sentinel already in view at once, so pages keep
 * coming until the viewport is full.
 */
export const useInfiniteScroll = ({ hasMore, isLoading, onLoadMore }: InfiniteScrollOptions) => {
  const sentinel = useRef<HTMLDivElement>(null);
  const loadMore = useRef(onLoadMore);
  useEffect(() => {
    loadMore.current = onLoadMore;
  });
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasMore || isLoading || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) loadMore.current();
      },
      { rootMargin: '0px 0px 600px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasMore, isLoading]);
  return sentinel;
};
