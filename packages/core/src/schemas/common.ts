import { z } from 'zod';

export const MEDIA_SOURCES = ['upload', 'smart-caption', 'babecock', 'hypnococks'] as const;
export const ZMediaSource = z.enum(MEDIA_SOURCES);
export type TMediaSource = z.infer<typeof ZMediaSource>;

/** Sources written by other internal apps into `<userId>/generated/<source>/`. */
export const GENERATED_SOURCES = ['smart-caption', 'babecock', 'hypnococks'] as const;
export const ZGeneratedSource = z.enum(GENERATED_SOURCES);
export type TGeneratedSource = z.infer<typeof ZGeneratedSource>;

/** The only types the vault accepts, decided from the bytes. */
export const MEDIA_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'video/mp4',
  'video/webm',
  'video/quicktime',
] as const;
export const ZMediaMimeType = z.enum(MEDIA_MIME_TYPES);
export type TMediaMimeType = z.infer<typeof ZMediaMimeType>;

export type TMediaKind = 'image' | 'gif' | 'video';

export const mediaKindOf = (mimeType: string): TMediaKind =>
  mimeType === 'image/gif' ? 'gif' : mimeType.startsWith('video/') ? 'video' : 'image';

/** A positive database id; anything else is not an id at all. */
export const ZId = z.number().int().positive().max(2_147_483_647);

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * A one-line name or code as a person types it: control characters (NUL among them, which PostgreSQL
 * refuses in text) are a 400 naming the field, never a failed query. Still a ZodString (its bounds
 * stay readable, as forms read them).
 */
export const oneLine = <T extends z.ZodString>(schema: T): T =>
  schema.refine((s) => !CONTROL_CHARACTERS.test(s), { message: 'must not contain control characters' });

/** Opaque keyset cursor as handed out by a previous page. */
export const ZCursor = z.string().min(1).max(200);

export const ZPageLimit = z.number().int().min(1).max(100);

export const ZIsoDate = z.string();
