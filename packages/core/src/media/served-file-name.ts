import type { TMediaMimeType } from '../schemas/common';
import { extensionFor } from './sniff';

/** Extensions that name each accepted type; any other is replaced when the file is served. */
const EXTENSIONS_OF: Record<TMediaMimeType, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
  'video/mp4': ['mp4', 'm4v'],
  'video/webm': ['webm'],
  'video/quicktime': ['mov', 'qt'],
};

/**
 * The name a file is served under. The stored name is what the user sent; served, its extension follows
 * the type sniffed from the bytes, so a GIF/HTML polyglot uploaded as `x.html` is saved by a browser as
 * `x.gif` and never opened as a page.
 */
export const servedFileName = (name: string, mimeType: string): string => {
  const known = EXTENSIONS_OF[mimeType as TMediaMimeType] as readonly string[] | undefined;
  if (!known) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (known.includes(ext)) return name;
  const stem = dot > 0 ? name.slice(0, dot) : dot === 0 ? '' : name;
  return `${stem.trim() || 'file'}.${extensionFor(mimeType as TMediaMimeType)}`;
};
