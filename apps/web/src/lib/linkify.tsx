import type { ReactNode } from 'react';

// http(s) addresses only: a caption can never make a javascript: or data: link.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/g;
// Sentence punctuation right after an address belongs to the sentence.
const TRAILING = /[.,;:!?)\]]+$/;

/** Plain text with its web addresses as links; everything else stays text, which React escapes. */
export const linkify = (text: string): ReactNode[] => {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING, '');
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={url} rel="nofollow noopener noreferrer ugc" target="_blank">
        {url}
      </a>,
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
};
