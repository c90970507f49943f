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

export interface MediaRecord {
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
  createdAt: Date;
  updatedAt: Date;
}

export type NewMedia = Omit<MediaRecord, 'id' | 'isShared' | 'shareToCommunity' | 'shareCode' | 'createdAt' | 'updatedAt'>;

export interface CommunityMediaRecord {
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
  createdAt: Date;
  updatedAt: Date;
}

export type NewCommunityMedia = Omit<CommunityMediaRecord, 'id' | 'createdAt' | 'updatedAt'>;

export interface TagRecord {
  id: number;
  slug: string;
  label: string;
  active: boolean;
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
