import { MAX_FEED_TAGS, ZCommunityOrigin, ZTagSlug, type TCommunityOrigin } from '@mediashare/core/schemas';

export interface FeedFilters {
  tags: string[];
  origin: TCommunityOrigin | undefined;
}

/**
 * Filters live in the address (`?tags=night,urban&origin=uploaded`) so a filtered view can be shared.
 * A hand-edited address is read leniently: unknown values are dropped rather than failing the page.
 */
export const parseFeedQuery = (search: string): FeedFilters => {
  const params = new URLSearchParams(search);
  const tags = (params.get('tags') ?? '')
    .split(',')
    .map((tag) => tag.trim().toLowerCase())
    .filter((tag) => ZTagSlug.safeParse(tag).success);
  const origin = ZCommunityOrigin.safeParse(params.get('origin'));
  return { tags: [...new Set(tags)].slice(0, MAX_FEED_TAGS), origin: origin.success ? origin.data : undefined };
};

export const formatFeedQuery = ({ tags, origin }: FeedFilters): string => {
  const params = new URLSearchParams();
  if (tags.length > 0) params.set('tags', tags.join(','));
  if (origin) params.set('origin', origin);
  // Slugs never need escaping; a literal comma keeps the address readable.
  const query = params.toString().replaceAll('%2C', ',');
  return query ? `?${query}` : '';
};

/** Adds a tag to the filter (a tag chip on a card narrows the current view); at the limit it starts over. */
export const withTag = (filters: FeedFilters, tag: string): FeedFilters => {
  if (filters.tags.includes(tag)) return filters;
  return { ...filters, tags: filters.tags.length >= MAX_FEED_TAGS ? [tag] : [...filters.tags, tag] };
};
