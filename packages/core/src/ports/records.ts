import type { REPORT_REASONS } from '../schemas/moderation';
import type { TMediaSource } from '../schemas/common';

export type TRole = 'user' | 'admin';

export interface UserRecord {
  id: number;
  email: string;
  username: string;
  passwordHash: string;
  role: TRole;
  /** When an admin banned the account from publishing to the Community (null: never). */
  communityBannedAt: Date | null;
  /** Mature Community items are shown without a click. */
  showMature: boolean;
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
  /** Bytes of the files written for the item, added to what its owner stores (quotas). */
  derivedSize?: number;
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
  /** Reports hid the share link, pending review. */
  linkHiddenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewMedia = Omit<
  MediaRecord,
  | 'id'
  | 'isShared'
  | 'shareToCommunity'
  | 'shareCode'
  | 'createdAt'
  | 'updatedAt'
  | 'strippedPath'
  | 'linkHiddenAt'
  | keyof RenditionColumns
>;

export type TModerationStatus = 'visible' | 'hidden' | 'removed';

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
  /** The owner's content warning. */
  mature: boolean;
  /** `hidden` by reports pending review, `removed` by a takedown (a tombstone: its objects are gone). */
  moderationStatus: TModerationStatus;
  removedReason: string | null;
  removedAt: Date | null;
  /** pHash of the picture as published (16 hex), null where none could be made. */
  perceptualHash: string | null;
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
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'moderationStatus'
  | 'removedReason'
  | 'removedAt'
  | 'title'
  | 'caption'
  | 'altText'
  | keyof RenditionColumns
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

/** Who made an alias: the vocabulary file (`pnpm tags:sync` manages it) or an admin at /admin/tags. */
export type TagAliasOrigin = 'file' | 'admin';

/** A tag as /admin/tags lists it: inactive ones too, each alias with its origin, and where a merge sent it. */
export interface AdminTagRecord extends TagRecord {
  aliases: { alias: string; origin: TagAliasOrigin }[];
  itemCount: number;
  /** The tag whose alias this slug became when it was merged, or null. */
  mergedInto: string | null;
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

export interface ActivityRecord extends ActivityEntry {
  id: number;
  createdAt: Date;
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
  /** Views of the original's live share link (null without one); read only when the query asks (`withViews`). */
  views?: number | null;
}

export interface CommunityFeedQuery {
  cursor?: KeysetCursor | undefined;
  limit: number;
  tagIds: number[];
  origin?: 'uploaded' | 'generated' | undefined;
  /** Mature items too (the default), none of them, or only them. */
  mature?: 'include' | 'exclude' | 'only' | undefined;
  /** Only this owner's items: a profile. */
  userId?: number | undefined;
  /** Also each item's link views, in the same query: for the owner only ("My posts"). */
  withViews?: boolean | undefined;
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

/** What the owner of a share link decides about it (issue 12); a code without a row has LINK_DEFAULTS. */
export interface ShareLinkSettings {
  expiresAt: Date | null;
  maxViews: number | null;
  passwordHash: string | null;
  allowDownload: boolean;
  showMetadata: boolean;
}

export interface ShareLinkRecord extends ShareLinkSettings {
  shareCode: string;
  mediaId: number;
  views: number;
  createdAt: Date;
}

/** One row of what a user has made public: an item's link, its community copy, or both. */
export interface ExposureRow {
  /** The media item's id; for a community copy whose original was deleted, minus the copy's id. */
  entryId: number;
  mediaId: number | null;
  fileName: string | null;
  mimeType: string;
  thumbnailPath: string | null;
  link: (ShareLinkSettings & { shareCode: string; views: number; createdAt: Date }) | null;
  community: { id: number; createdAt: Date } | null;
  /** When it became public: the later of the link's and the copy's. */
  exposedAt: Date;
}

export interface ExposureCursor {
  exposedAt: Date;
  entryId: number;
}

export interface InviteRecord {
  id: number;
  /** SHA-256 (hex) of the code; the code itself is shown once and never stored. */
  codeHash: string;
  createdBy: number | null;
  maxUses: number;
  uses: number;
  expiresAt: Date | null;
  createdAt: Date;
}

/** An account as the admin list shows it: what it stores and may store. */
export interface UserUsageRow {
  user: UserRecord;
  /** The account's own quota; null when the default applies. */
  quotaBytes: number | null;
  usage: number;
  twoFactor: boolean;
}

export interface TwoFactorRecord {
  userId: number;
  secret: string;
  enabledAt: Date | null;
  /** The newest TOTP time step a code was accepted for. */
  lastStep: number | null;
}

export type TReportReason = (typeof REPORT_REASONS)[number];

export interface ConsentReceiptRecord {
  id: number;
  communityMediaId: number | null;
  mediaId: number | null;
  userId: number;
  policyVersion: string;
  policySha256: string;
  statement: string;
  reqId: string;
  createdAt: Date;
}
export type NewConsentReceipt = Omit<ConsentReceiptRecord, 'id' | 'createdAt'> & { createdAt: Date };

export interface ReportRecord {
  id: number;
  /** `community:<id>` or `media:<id>` (a share link with no community copy). */
  target: string;
  communityMediaId: number | null;
  mediaId: number | null;
  reporterUserId: number | null;
  reporterKey: string;
  reason: TReportReason;
  details: string | null;
  status: 'open' | 'dismissed' | 'actioned';
  createdAt: Date;
  resolvedAt: Date | null;
}
export type NewReport = Omit<ReportRecord, 'id' | 'status' | 'resolvedAt'>;

export interface ReportGroupRow {
  target: string;
  communityMediaId: number | null;
  mediaId: number | null;
  reporters: number;
  reasons: TReportReason[];
  /** The newest open report's id: what dismiss is called with. */
  latestReportId: number;
  firstReportedAt: Date;
  details: string[];
}

/** A group of open reports with what it is about: read together, in a few queries for the whole queue. */
export interface ReportQueueRow extends ReportGroupRow {
  /** The reported community copy; null for a report on a link, or when the copy is gone. */
  copy: CommunityMediaRecord | null;
  /** The reported vault item, read only when there is no copy (a report on a link). */
  media: MediaRecord | null;
  /** Whoever owns the copy or the item. */
  owner: { id: number; username: string } | null;
  /** The copy's newest consent receipt. */
  receipt: ConsentReceiptRecord | null;
}

export interface ModerationLogRecord {
  id: number;
  actorUserId: number | null;
  action: string;
  targetKind: string;
  targetId: number;
  reason: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}
export type NewModerationLogEntry = Omit<ModerationLogRecord, 'id'>;

/** Where an item's community copy stands, as its owner's vault shows it. */
export interface CommunityModeration {
  mediaId: number;
  status: TModerationStatus;
  removedReason: string | null;
}
