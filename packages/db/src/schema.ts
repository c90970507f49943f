import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Millisecond precision everywhere: keyset cursors carry JavaScript dates, which cannot hold microseconds.
const timestamptz = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const createdAt = () => timestamptz('created_at').notNull().defaultNow();

const SOURCES = sql`('upload', 'smart-caption', 'babecock', 'hypnococks')`;

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['user', 'admin'] })
      .notNull()
      .default('user'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    uniqueIndex('users_username_lower_key').on(sql`lower(${t.username})`),
    check('users_role_check', sql`${t.role} in ('user', 'admin')`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 (hex) of the cookie token. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamptz('last_seen_at').notNull(),
    /** Idle deadline, never later than the absolute one. */
    expiresAt: timestamptz('expires_at').notNull(),
    absoluteExpiresAt: timestamptz('absolute_expires_at').notNull(),
    /** What the session list calls it: the id is a secret's hash and never leaves the server. */
    publicId: uuid('public_id').notNull().defaultRandom(),
    /** "Firefox on Linux": a label made from the user agent at sign-in; the header itself is not kept. */
    deviceLabel: text('device_label'),
  },
  (t) => [
    index('sessions_user_id_idx').on(t.userId),
    index('sessions_expires_at_idx').on(t.expiresAt),
    uniqueIndex('sessions_public_id_key').on(t.publicId),
  ],
);

/** Single-use password reset links: only a hash of the link's token is stored. */
export const passwordResets = pgTable(
  'password_resets',
  {
    /** SHA-256 (hex) of the link's token. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
  },
  (t) => [index('password_resets_user_id_idx').on(t.userId), index('password_resets_expires_at_idx').on(t.expiresAt)],
);

/** Personal API tokens: only a hash is stored; the token itself is shown once, at creation. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** SHA-256 (hex) of the token. */
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, so its owner can tell tokens apart. */
    prefix: text('prefix').notNull(),
    scopes: text('scopes').array().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamptz('last_used_at'),
    expiresAt: timestamptz('expires_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash), index('api_tokens_user_id_idx').on(t.userId)],
);

/**
 * Sign-in budgets per account and per client address, shared by every API process. `failures` counts the
 * attempts taken in the window: the failed ones, and those whose password is still being checked.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    windowStartedAt: timestamptz('window_started_at').notNull(),
  },
  // The sweep deletes by window start.
  (t) => [index('login_throttle_window_started_at_idx').on(t.windowStartedAt)],
);

/**
 * An item's renditions, kept beside its object in the same bucket under derived keys (see core's
 * rendition-keys). All null while they are pending; `rendition_error` says why they never will be.
 */
const renditionColumns = () => ({
  /** ThumbHash (base64) of the thumbnail: set with the thumbnail, so its presence means "ready". */
  placeholder: text('placeholder'),
  thumbnailPath: text('thumbnail_path'),
  /** Null with a placeholder when the item is its own best preview (a GIF no smaller as WebP). */
  previewPath: text('preview_path'),
  renditionError: text('rendition_error'),
});

export const media = pgTable(
  'media',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Key inside the `user-media` bucket, always under `<userId>/`. */
    filePath: text('file_path').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    width: integer('width'),
    height: integer('height'),
    durationMs: integer('duration_ms'),
    source: text('source', { enum: ['upload', 'smart-caption', 'babecock', 'hypnococks'] }).notNull(),
    isShared: boolean('is_shared').notNull().default(false),
    shareToCommunity: boolean('share_to_community').notNull().default(false),
    shareCode: text('share_code'),
    ...renditionColumns(),
    /** The link file: a copy without EXIF/XMP/GPS, made on the first download of a shared image. */
    strippedPath: text('stripped_path'),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('media_file_path_key').on(t.filePath),
    uniqueIndex('media_share_code_key').on(t.shareCode),
    index('media_user_created_idx').on(t.userId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    check('media_source_check', sql`${t.source} in ${SOURCES}`),
  ],
);

export const communityMedia = pgTable(
  'community_media',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** Null once the original is deleted: the community copy outlives it. */
    mediaId: integer('media_id').references(() => media.id, { onDelete: 'set null' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Key inside the public `general` bucket. */
    filePath: text('file_path').notNull(),
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    width: integer('width'),
    height: integer('height'),
    source: text('source', { enum: ['upload', 'smart-caption', 'babecock', 'hypnococks'] }).notNull(),
    watermarked: boolean('watermarked').notNull(),
    durationMs: integer('duration_ms'),
    ...renditionColumns(),
    /** The sharer's words, stored as given (validated in core, escaped wherever they are shown). */
    title: text('title'),
    caption: text('caption'),
    altText: text('alt_text'),
    /** The feed's origin filter, derived so one index serves it: `uploaded` or `generated`. */
    origin: text('origin')
      .notNull()
      .generatedAlwaysAs(sql`case when source = 'upload' then 'uploaded' else 'generated' end`),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // The last word against duplicates: one community copy per media item, whatever the locks did.
    uniqueIndex('community_media_media_id_key').on(t.mediaId),
    uniqueIndex('community_media_file_path_key').on(t.filePath),
    index('community_media_feed_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('community_media_origin_feed_idx').on(t.origin, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // A profile's feed (GET /api/community?user=) read in order; it also serves lookups by owner.
    index('community_media_user_feed_idx').on(t.userId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    check('community_media_source_check', sql`${t.source} in ${SOURCES}`),
  ],
);

export const tags = pgTable(
  'tags',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull().unique('tags_slug_key'),
    label: text('label').notNull(),
    active: boolean('active').notNull().default(true),
    /**
     * Community items carrying the tag, kept by a trigger on community_media_tags (see the migration), so
     * the tag list and suggestions never count a million rows.
     */
    itemCount: integer('item_count').notNull().default(0),
    createdAt: createdAt(),
  },
  // Suggestions match by prefix: text_pattern_ops serves LIKE 'q%' whatever the database's collation.
  (t) => [index('tags_slug_prefix_idx').on(t.slug.op('text_pattern_ops'))],
);

/** Other spellings of a canonical tag (`bw` -> `black-and-white`): shares and filters resolve them. */
export const tagAliases = pgTable(
  'tag_aliases',
  {
    alias: text('alias').primaryKey(),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('tag_aliases_tag_id_idx').on(t.tagId), index('tag_aliases_prefix_idx').on(t.alias.op('text_pattern_ops'))],
);

export const communityMediaTags = pgTable(
  'community_media_tags',
  {
    communityMediaId: integer('community_media_id')
      .notNull()
      .references(() => communityMedia.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'restrict' }),
    /** Copied from the community row so a tag's newest items come straight off one index. */
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.communityMediaId, t.tagId] }),
    index('community_media_tags_feed_idx').on(t.tagId, t.createdAt.desc().nullsFirst(), t.communityMediaId.desc().nullsFirst()),
  ],
);

export const activityLog = pgTable(
  'activity_log',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    feature: text('feature').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('activity_log_user_created_idx').on(t.userId, t.createdAt.desc().nullsFirst())],
);

/**
 * A running community copy of one media item. While its lease lasts, other requests for the same item
 * wait instead of copying again; a crashed holder's claim expires and the sweep removes its object.
 */
export const shareClaims = pgTable('share_claims', {
  mediaId: integer('media_id')
    .primaryKey()
    .references(() => media.id, { onDelete: 'cascade' }),
  claimId: text('claim_id').notNull(),
  filePath: text('file_path').notNull(),
  expiresAt: timestamptz('expires_at').notNull(),
});

/** Objects that may have no row pointing at them yet (or any more); see StorageIntentRepo. */
export const storageIntents = pgTable(
  'storage_intents',
  {
    bucket: text('bucket').notNull(),
    path: text('path').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.path] }), index('storage_intents_created_at_idx').on(t.createdAt)],
);

/**
 * Request budgets (RateLimitRepo): requests counted per budget, scope and caller (`uploads:account:42`,
 * `shares:address:203.0.113.7`) in the window ending at `resets_at`. The sweep deletes ended windows.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    resetsAt: timestamptz('resets_at').notNull(),
  },
  (t) => [index('rate_limits_resets_at_idx').on(t.resetsAt)],
);

/**
 * Renditions still to make, one row per item: picked with FOR UPDATE SKIP LOCKED and held by a lease
 * (renewed while the work runs), so two processes never make one item's renditions at once and a
 * crashed worker's job is picked up again when its lease runs out. Failures wait `run_after`, with
 * backoff, up to a limit of attempts.
 */
export const renditionJobs = pgTable(
  'rendition_jobs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    mediaId: integer('media_id').references(() => media.id, { onDelete: 'cascade' }),
    communityMediaId: integer('community_media_id').references(() => communityMedia.id, { onDelete: 'cascade' }),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamptz('run_after').notNull().defaultNow(),
    leaseId: text('lease_id'),
    leasedUntil: timestamptz('leased_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('rendition_jobs_media_id_key').on(t.mediaId),
    uniqueIndex('rendition_jobs_community_media_id_key').on(t.communityMediaId),
    index('rendition_jobs_run_after_idx').on(t.runAfter),
    check('rendition_jobs_one_target_check', sql`(${t.mediaId} is null) <> (${t.communityMediaId} is null)`),
  ],
);

/**
 * Public objects whose row is gone and which must leave storage soon (an unpublished community copy): a
 * worker deletes each until storage confirms, retrying after `next_attempt_at` with a backoff of seconds.
 * Unlike storage_intents, nothing here waits for a grace period: these are known to be unreferenced.
 */
export const pendingDeletes = pgTable(
  'pending_deletes',
  {
    bucket: text('bucket').notNull(),
    path: text('path').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.path] }), index('pending_deletes_next_attempt_at_idx').on(t.nextAttemptAt)],
);
