import { COMMUNITY_ORIGINS, MAX_FEED_TAGS, type TCommunityOrigin, type TTag } from '@mediashare/core/schemas';
import { TagPicker } from '../share/tag-picker';
import { Popover } from '../ui/popover';
import type { FeedFilters } from './feed-query';

interface CommunityFiltersProps {
  filters: FeedFilters;
  tags: readonly TTag[];
  isLoadingTags: boolean;
  onChange: (filters: FeedFilters) => void;
}

const ORIGIN_LABELS: Record<TCommunityOrigin | 'all', string> = { all: 'All', uploaded: 'Uploaded', generated: 'Generated' };

export const CommunityFilters = ({ filters, tags, isLoadingTags, onChange }: CommunityFiltersProps) => {
  const labelOf = (slug: string) => tags.find((t) => t.slug === slug)?.label ?? slug;
  const hasFilters = filters.tags.length > 0 || filters.origin !== undefined;
  return (
    <div className="feed-filters">
      <fieldset className="segmented">
        <legend className="visually-hidden">Show</legend>
        {(['all', ...COMMUNITY_ORIGINS] as const).map((origin) => (
          <label key={origin}>
            <input
              type="radio"
              name="origin"
              checked={(filters.origin ?? 'all') === origin}
              onChange={() => onChange({ ...filters, origin: origin === 'all' ? undefined : origin })}
            />
            <span>{ORIGIN_LABELS[origin]}</span>
          </label>
        ))}
      </fieldset>

      <Popover
        summary={
          <>
            Tags{filters.tags.length > 0 ? ` (${filters.tags.length})` : ''}
            <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
              <path d="M6 9l6 6 6-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </>
        }
      >
        <TagPicker
          legend="Show items with all of these tags"
          tags={tags}
          selected={filters.tags}
          onChange={(next) => onChange({ ...filters, tags: next })}
          max={MAX_FEED_TAGS}
          isLoading={isLoadingTags}
        />
      </Popover>

      {filters.tags.length > 0 && (
        <ul className="chips" aria-label="Tag filters">
          {filters.tags.map((slug) => (
            <li key={slug}>
              <button
                type="button"
                className="chip chip--selected"
                aria-label={`Remove filter ${labelOf(slug)}`}
                onClick={() => onChange({ ...filters, tags: filters.tags.filter((t) => t !== slug) })}
              >
                #{labelOf(slug)}
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {hasFilters && (
        <button type="button" className="link-button" onClick={() => onChange({ tags: [], origin: undefined })}>
          Clear filters
        </button>
      )}
    </div>
  );
};
