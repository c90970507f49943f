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

/**
 * The canonical tags as one keyboard stop: a combobox whose text filters a multi-select listbox (type
 * ahead), arrow keys move through the matches, Enter picks or drops the active one, Backspace in an empty
 * field drops the last pick. The selection also shows as chips, which the pointer can remove.
 */
export const TagPicker = ({ legend, tags, selected, onChange, max, isLoading }: TagPickerProps) => {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const countId = useId();
  const optionId = (index: number) => `${listId}-${index}`;
  const isReady = !isLoading && max !== undefined;
  const visible = isReady ? tags.filter((t) => matches(t, query)) : [];
  const isFull = max === undefined || selected.length >= max;
  const labelOf = (slug: string) => tags.find((t) => t.slug === slug)?.label ?? slug;
  const current = Math.min(active, visible.length - 1);

  const toggle = (slug: string) =>
    onChange(selected.includes(slug) ? selected.filter((s) => s !== slug) : isFull ? [...selected] : [...selected, slug]);

  const search = (text: string) => {
    setQuery(text);
    // Typing "nig" makes the first match not yet picked the active one, so Enter picks it.
    const next = isReady ? tags.filter((t) => matches(t, text)) : [];
    setActive(
      Math.max(
        0,
        next.findIndex((t) => !selected.includes(t.slug)),
      ),
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = visible.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: current >= last ? 0 : current + 1,
      ArrowUp: current <= 0 ? last : current - 1,
      Home: 0,
      End: last,
    };
    if (event.key in moves && visible.length > 0 && (query === '' || !['Home', 'End'].includes(event.key))) {
      event.preventDefault();
      setActive(moves[event.key]!);
    } else if (event.key === 'Enter') {
      // It must not submit the surrounding form.
      event.preventDefault();
      const tag = visible[current];
      if (tag && (selected.includes(tag.slug) || !isFull)) {
        toggle(tag.slug);
        if (query) search('');
      }
    } else if (event.key === 'Escape' && query) {
      // Clears the search first; a second Escape closes the dialog.
      event.stopPropagation();
      search('');
    } else if (event.key === 'Backspace' && query === '' && selected.length > 0) {
      onChange(selected.slice(0, -1));
    }
  };

  return (
    <fieldset className="tag-picker">
      <legend>{legend}</legend>
      <div className="tag-picker__search">
        <input
          type="text"
          role="combobox"
          value={query}
          onChange={(e) => search(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Search tags"
          aria-label="Search tags"
          aria-expanded={isReady}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={isReady && current >= 0 ? optionId(current) : undefined}
          aria-describedby={countId}
          autoComplete="off"
        />
        <span id={countId} className={`tag-picker__count${isFull ? ' is-full' : ''}`} aria-live="polite">
          {isReady && `${selected.length} of ${max}`}
        </span>
      </div>
      {selected.length > 0 && (
        <ul className="chips" aria-label="Selected tags">
          {selected.map((slug) => (
            <li key={slug}>
              {/* Out of the tab order: the combobox is the one keyboard stop (Enter or Backspace there). */}
              <button
                type="button"
                tabIndex={-1}
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
      <ul
        id={listId}
        role="listbox"
        aria-multiselectable="true"
        className="tag-picker__options"
        aria-label="Tags"
        aria-busy={!isReady}
      >
        {visible.map((tag, index) => {
          const isChecked = selected.includes(tag.slug);
          const isDisabled = !isChecked && isFull;
          return (
            <li
              key={tag.slug}
              id={optionId(index)}
              role="option"
              aria-selected={isChecked}
              aria-disabled={isDisabled}
              className={[isChecked && 'is-checked', index === current && 'is-active', isDisabled && 'is-disabled']
                .filter(Boolean)
                .join(' ')}
              // Keeps the focus in the combobox when an option is clicked.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                setActive(index);
                if (!isDisabled) toggle(tag.slug);
              }}
            >
              {tag.label}
            </li>
          );
        })}
        {isReady && visible.length === 0 && (
          <li className="tag-picker__empty" role="presentation">
            No tag matches “{query}”.
          </li>
        )}
        {!isReady && (
          <li className="tag-picker__empty" role="presentation">
            Loading tags…
          </li>
        )}
      </ul>
    </fieldset>
  );
};
