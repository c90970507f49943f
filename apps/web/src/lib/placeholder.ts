import { thumbHashToDataURL } from 'thumbhash';

const cache = new Map<string, string>();

/**
 * The blurred stand-in a ThumbHash describes, as a data URL the browser paints before any image byte
 * arrives (a few hundred bytes of PNG, decoded once per hash).
 */
export const placeholderUrl = (hash: string | null): string | undefined => {
  if (!hash) return undefined;
  let url = cache.get(hash);
  if (!url) {
    try {
      url = thumbHashToDataURL(Uint8Array.from(atob(hash), (c) => c.charCodeAt(0)));
    } catch {
      return undefined;
    }
    if (cache.size > 500) cache.clear();
    cache.set(hash, url);
  }
  return url;
};

/** `1:05` or `1:02:03` for a video's length. */
export const formatDuration = (ms: number) => {
  const total = Math.round(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
};
