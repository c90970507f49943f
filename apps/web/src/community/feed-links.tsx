import { FEED_FORMATS, type TFeedFormat } from '@mediashare/core/schemas';
import { useEffect } from 'react';

const FORMATS = Object.entries(FEED_FORMATS) as [TFeedFormat, (typeof FEED_FORMATS)[TFeedFormat]][];

/**
 * `<link rel="alternate">` for the page's feeds while it is shown, so feed readers and browser extensions
 * find them (the server writes the same links into the first HTML for readers that run no script).
 */
export const useFeedLinks = (query: string, title: string) => {
  useEffect(() => {
    // The server's links describe the address the page was opened at; these follow the filters.
    for (const stale of document.head.querySelectorAll('link[rel="alternate"][data-feed]')) stale.remove();
    const links = FORMATS.map(([format, { path, type, name }]) => {
      const link = document.createElement('link');
      link.rel = 'alternate';
      link.type = type;
      link.title = `${title} (${name})`;
      link.href = `${path}${query}`;
      link.dataset.feed = format;
      document.head.append(link);
      return link;
    });
    return () => links.forEach((link) => link.remove());
  }, [query, title]);
};

/** Visible links to the same feeds: "Follow: RSS · Atom · JSON Feed". */
export const FeedLinks = ({ query }: { query: string }) => (
  <p className="feed-links">
    <span className="feed-links__label">Follow this feed:</span>{' '}
    {FORMATS.map(([format, { path, name }], index) => (
      <span key={format}>
        {index > 0 && ' · '}
        <a href={`${path}${query}`} className="feed-links__link">
          {name}
        </a>
      </span>
    ))}
  </p>
);
