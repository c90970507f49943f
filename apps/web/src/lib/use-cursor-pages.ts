import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';

/**
 * Cursor pagination through TanStack's own infinite query. tRPC's useInfiniteQuery adds a `direction`
 * field to the input, which the API's strict input schemas refuse ("Unknown field"), so pages are
 * fetched with the plain client under the same query key tRPC would use, and `utils.*.invalidate()`
 * still reaches them.
 */
export const useCursorPages = <TPage extends { nextCursor: string | null }>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined) => Promise<TPage>,
) =>
  useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
