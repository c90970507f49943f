import type { TRenditionKind } from '../ports/imaging';

/**
 * Renditions live beside their object in the same bucket, under keys derived from its key, so they go
 * where it goes (same owner folder, same bucket policy) and a rerun of a job writes the same keys:
 * `<key>.thumbnail.webp`, `<key>.preview.webp`, and the link file's `<key>.stripped.<ext>`.
 */
export const renditionKeyFor = (key: string, kind: TRenditionKind) => `${key}.${kind}.webp`;

export const strippedKeyFor = (key: string) => `${key}.stripped.${key.split('.').at(-1) ?? 'bin'}`;

const DERIVED = /^(.+\.(?:jpg|png|webp|gif|mp4|webm|mov))\.(?:(?:thumbnail|preview)\.webp|stripped\.(?:jpg|png|webp))$/;

/** The key of the object a derived key belongs to, or null for a key that is not derived. */
export const baseKeyOf = (key: string): string | null => DERIVED.exec(key)?.[1] ?? null;

export const isDerivedKey = (key: string) => baseKeyOf(key) !== null;
