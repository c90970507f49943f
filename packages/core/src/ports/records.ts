import type { TMediaSource } from '../schemas/common';

export type TRole = 'user' | 'admin';

export interface UserRecord {
  id: number;
  email: string;
  username: string;
  passwordHash: string;
  role: TRole;
  createdAt: Date;
}

export interface SessionRecord {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  userId: number;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  absoluteExpiresAt: Date;
  /** What the session list shows and ends sessions by; the id above never leaves the server. */
  publicId: string;
  /** "Firefox on Linux", from the user agent at sign-in; null when there was none. */
  deviceLabel: string | null;
}

export type NewSession = Omit<SessionRecord, 'publicId'>;

export interface PasswordResetRecord {
  /** SHA-256 of the link's token; the token itself is never stored. */
  tokenHash: string;
  userId: number;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/**
 * An item's renditions, beside its object under derived keys. All null while pending; a placeholder
 * means ready; `renditionError` says why there are none (logged once, never retried past the limit).
 */
export interface RenditionColumns {
  placeholder: string | null;
  thumbnailPath: string | null;
  /** Null with a placeholder when the item is its own best preview (an animation no smaller as WebP). */
  previewPath: string | null;
  renditionError: string | null;
}

/** What a finished rendition job writes on its item (and, for a video, what the probe measured). */
export interface RenditionUpdate extends RenditionColumns {
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
}

export interface MediaRecord extends RenditionColumns {
  id: number;
  userId: number;
  filePath: string;
  fileName: string;
  mimeType: string;
  size: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  source: TMediaSource;
  isShared: boolean;
  shareToCommunity: boolean;
  shareCode: string | null;
  /** The link file without metadata, once made. */
  strippedPath: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewMedia = Omit<
  MediaRecord,
  'id' | 'isShared' | 'shareToCommunity' | 'shareCode' | 'createdAt' | 'updatedAt' | 'strippedPath' | keyof RenditionColumns
>;

export interface CommunityMediaRecord extends RenditionColumns {
  id: number;
  mediaId: number | null;
  userId: number;
  filePath: string;
  mimeType: string;
  size: number;
  width: number | null;
  height: number | null;
  source: TMediaSource;
  watermarked: boolean;
  durationMs: number | null;
  title: string | null;
  caption: string | null;
  altText: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The sharer's words about a community item; an absent field is left as it is. */
export type CommunityTexts = Partial<Pick<CommunityMediaRecord, 'title' | 'caption' | 'altText'>>;

export type NewCommunityMedia = Omit<
  CommunityMediaRecord,
  'id' | 'createdAt' | 'updatedAt' | 'title' | 'caption' | 'altText' | keyof RenditionColumns
> &
  CommunityTexts;

/** Which item a rendition job is for: a vault item or a community copy. */
export type RenditionTarget = { kind: 'media'; id: number } | { kind: 'community'; id: number };

export interface RenditionJobRecord {
  id: number;
  target: RenditionTarget;
  /** Including the one that just started. */
  attempts: number;
  leaseId: string;
  leasedUntil: Date;
}

export interface TagRecord {
  id: number;
  slug: string;
  label: string;
  active: boolean;
}

/** A tag as a name asked for it: `name` is the slug or the alias that was given. */
export interface ResolvedTag extends TagRecord {
  name: string;
}

/** A tag with its aliases and how many community items carry it. */
export interface VocabularyTag extends TagRecord {
  aliases: string[];
  itemCount: number;
}

export interface TagSuggestionRecord {
  slug: string;
  label: string;
  itemCount: number;
  matchedAlias: string | null;
}

export interface ActivityEntry {
  userId: number | null;
  action: string;
  feature: string;
  details: Record<string, unknown>;
}

/** Keyset position: the last item of the previous page. */
export interface KeysetCursor {
  createdAt: Date;
  id: number;
}

/** A community item as the feed shows it: the row, its owner's name and its tags. */
export interface CommunityFeedRow extends CommunityMediaRecord {
  username: string;
  tags: string[];
}

export interface CommunityFeedQuery {
  cursor?: KeysetCursor | undefined;
  limit: number;
  tagIds: number[];
  origin?: 'uploaded' | 'generated' | undefined;
  /** Only this owner's items: a profile. */
  userId?: number | undefined;
}

export interface ApiTokenRecord {
  id: number;
  userId: number;
  name: string;
  tokenHash: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}
