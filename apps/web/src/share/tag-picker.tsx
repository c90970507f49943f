import '../styles/tag-picker.css';
import type { TTag } from '@mediashare/core/schemas';
import { useId, useState, type KeyboardEvent } from 'react';

interface TagPickerProps {
  legend: string;
  /** The canonical tags; nothing else can be picked. */
  tags: readonly TTag[];
  selected: readonly string[];
  onChange: (slugs: string[]) => void;
  /** Undefined while the limit is not known yet: the picker reads as loading and nothing can be picked. */
  max: number | undefined;
  isLoading?: boolean;
}

const matches = (tag: TTag, query: string) => {
  const q = query.trim().toLowerCase();
  // Aliases find their tag too: "bw" offers Black and white.
  return q === '' || tag.label.toLowerCase().includes(q) || tag.slug.includes(q) || tag.aliases.some((a) => a.startsWith(q));
};

/** A searchable checklist of canonical tags with the selection shown as removable chips. */
export const TagPicker = ({ legend, tags, selected, onChange, max, isLoading }: TagPickerProps) => {
  const [query, setQuery] = useState('');
  const listId = useId();
  const countId = useId();
  const isReady = !isLoading && max !== undefined;
  const visible = isReady ? tags.filter((t) => matches(t, query)) : [];
  const isFull = max === undefined || selected.length >= max;
  const labelOf = (slug: string) => tags.find((t) => t.slug === slug)?.label ?? slug;

  const toggle = (slug: string) =>
    onChange(selected.includes(slug) ? selected.filter((s) => s !== slug) : isFull ? [...selected] : [...selected, slug]);

  // Enter picks the first match, so typing "nig⏎" is enough; it must not submit the surrounding form.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const first = visible.find((t) => !selected.includes(t.slug));
    if (first && !isFull) {
      toggle(first.slug);
      setQuery('');
    }
  };

  return (
    <fieldset className="tag-picker">
      <legend>{legend}</legend>
      <div className="tag-picker__search">
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Search tags"
          aria-label="Search tags"
          aria-controls={listId}
          aria-describedby={countId}
        />
        <span id={countId} className={`tag-picker__count${isFull ? ' is-full' : ''}`} aria-live="polite">
          {isReady && `${selected.length} of ${max}`}
        </span>
      </div>
      {selected.length > 0 && (
        <ul className="chips" aria-label="Selected tags">
          {selected.map((slug) => (
            <li key={slug}>
              <button
                type="button"
                className="chip chip--selected"
                onClick={() => toggle(slug)}
                aria-label={`Remove ${labelOf(slug)}`}
              >
                {labelOf(slug)}
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ul id={listId} className="tag-picker__options" aria-label="Tags" aria-busy={!isReady}>
        {visible.map((tag) => {
          const isChecked = selected.includes(tag.slug);
          return (
            <li key={tag.slug}>
              <label className={isChecked ? 'is-checked' : undefined}>
                <input type="checkbox" checked={isChecked} disabled={!isChecked && isFull} onChange={() => toggle(tag.slug)} />
                {tag.label}
              </label>
            </li>
          );
        })}
        {isReady && visible.length === 0 && <li className="tag-picker__empty">No tag matches “{query}”.</li>}
        {!isReady && <li className="tag-picker__empty">Loading tags…</li>}
      </ul>
    </fieldset>
  );
};
