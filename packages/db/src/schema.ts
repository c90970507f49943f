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
    /** Set by an admin's community ban: the account can no longer publish; its links keep working. */
    communityBannedAt: timestamptz('community_banned_at'),
    /** Show mature items in the Community without a click (the viewer's own choice). */
    showMature: boolean('show_mature').notNull().default(false),
    /** What the account may store, originals and renditions together; null: DEFAULT_QUOTA_BYTES applies. */
    quotaBytes: bigint('quota_bytes', { mode: 'number' }),
    createdAt: createdAt(),
    /**
     * Set when the account's deletion begins (its names are freed and it can no longer sign in); the row
     * goes once its items and copies are gone. The sweep finishes a deletion a process did not.
     */
    deletingAt: timestamptz('deleting_at'),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    uniqueIndex('users_username_lower_key').on(sql`lower(${t.username})`),
    index('users_deleting_at_idx')
      .on(t.deletingAt)
      .where(sql`${t.deletingAt} is not null`),
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
    /** Reports hid the share link pending review (an item with no community copy; see reports). */
    linkHiddenAt: timestamptz('link_hidden_at'),
    /** Bytes of the thumbnail, preview and link file together: they count toward the owner's quota. */
    derivedSize: bigint('derived_size', { mode: 'number' }).notNull().default(0),
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
    /** The owner's content warning: blurred until the viewer opts in, no og:image. */
    mature: boolean('mature').notNull().default(false),
    /**
     * `visible` in the feed; `hidden` by reports pending review; `removed` by a takedown: then the row is a
     * tombstone (its objects deleted), kept so its URLs answer 410 and its owner sees why.
     */
    moderationStatus: text('moderation_status', { enum: ['visible', 'hidden', 'removed'] })
      .notNull()
      .default('visible'),
    removedReason: text('removed_reason'),
    removedAt: timestamptz('removed_at'),
    /** 64-bit pHash (16 hex) of the picture when it was published: what a takedown blocks. */
    perceptualHash: text('perceptual_hash'),
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
    check('community_media_moderation_status_check', sql`${t.moderationStatus} in ('visible', 'hidden', 'removed')`),
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
    /**
     * `file` for aliases `pnpm tags:sync` manages (it removes those its file no longer lists), `admin` for
     * those an admin added or a merge from /admin/tags made: a sync keeps them unless its file gives the
     * name to a tag itself.
     */
    origin: text('origin').notNull().default('file'),
    createdAt: createdAt(),
  },
  (t) => [
    index('tag_aliases_tag_id_idx').on(t.tagId),
    index('tag_aliases_prefix_idx').on(t.alias.op('text_pattern_ops')),
    check('tag_aliases_origin_check', sql`${t.origin} in ('file', 'admin')`),
  ],
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
    /**
     * The item's owner, copied from the community row by a trigger on insert (the migration's
     * hand-written part), so a profile filtered by a tag is one range of an index however seldom the
     * two meet. An item never changes owner.
     */
    userId: integer('user_id'),
  },
  (t) => [
    primaryKey({ columns: [t.communityMediaId, t.tagId] }),
    index('community_media_tags_feed_idx').on(t.tagId, t.createdAt.desc().nullsFirst(), t.communityMediaId.desc().nullsFirst()),
    index('community_media_tags_user_feed_idx').on(
      t.tagId,
      t.userId,
      t.createdAt.desc().nullsFirst(),
      t.communityMediaId.desc().nullsFirst(),
    ),
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

/**
 * Creating requests under an Idempotency-Key, per user: the row is taken by the first request (its lock
 * renewed while it runs), then holds its answer, sealed with the key, for 24 hours. The key itself is
 * stored only as a hash. The sweep removes expired rows; an expired row is also taken over in place.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull(),
    fingerprint: text('fingerprint'),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    lockedUntil: timestamptz('locked_until').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.keyHash] }), index('idempotency_keys_expires_at_idx').on(t.expiresAt)],
);

/**
 * A share link's settings and view count, one row per share code, made on first need: a code
 * without a row has the defaults (no expiry, no limit, no password, downloads on, metadata off) and no
 * views. A retired code's row is unreachable, since codes are never reused.
 */
export const shareLinks = pgTable(
  'share_links',
  {
    shareCode: text('share_code').primaryKey(),
    mediaId: integer('media_id')
      .notNull()
      .references(() => media.id, { onDelete: 'cascade' }),
    expiresAt: timestamptz('expires_at'),
    maxViews: integer('max_views'),
    /** scrypt, like account passwords; the unlock cookie is derived from it, so a new password ends it. */
    passwordHash: text('password_hash'),
    allowDownload: boolean('allow_download').notNull().default(true),
    showMetadata: boolean('show_metadata').notNull().default(false),
    views: integer('views').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('share_links_media_id_idx').on(t.mediaId),
    check('share_links_max_views_check', sql`${t.maxViews} is null or ${t.maxViews} >= 1`),
  ],
);

/**
 * Who has been counted as a view of a link in one hour: a keyed hash of address and user agent under a
 * salt that changes daily (share_link_salts), never the address, the user agent or a cookie.
 */
export const shareLinkVisits = pgTable(
  'share_link_visits',
  {
    shareCode: text('share_code').notNull(),
    visitor: text('visitor').notNull(),
    hour: timestamptz('hour').notNull(),
  },
  (t) => [primaryKey({ columns: [t.shareCode, t.visitor, t.hour] }), index('share_link_visits_hour_idx').on(t.hour)],
);

/** The day's random key for visitor hashes, shared by every process; yesterday's is deleted with its day. */
export const shareLinkSalts = pgTable('share_link_salts', {
  day: text('day').primaryKey(),
  salt: text('salt').notNull(),
  createdAt: createdAt(),
});

/**
 * Invites (REGISTRATION=invite): only the SHA-256 of the code is stored. A registration takes one use in
 * the statement that checks `uses < max_uses`, so parallel registrations cannot take more than there are.
 */
export const invites = pgTable(
  'invites',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** SHA-256 (hex) of the code. */
    codeHash: text('code_hash').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    maxUses: integer('max_uses').notNull(),
    uses: integer('uses').notNull().default(0),
    expiresAt: timestamptz('expires_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invites_code_hash_key').on(t.codeHash),
    check('invites_uses_check', sql`${t.uses} >= 0 and ${t.uses} <= ${t.maxUses}`),
  ],
);

/**
 * Bytes an upload in progress holds against its owner's quota, taken under the owner's row lock before
 * they are stored and given back when the item's row lands (or the upload fails). A process that dies
 * mid-upload leaves its row until `expires_at`, which the upload renews while bytes arrive.
 */
export const storageReservations = pgTable(
  'storage_reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('storage_reservations_user_id_idx').on(t.userId), index('storage_reservations_expires_at_idx').on(t.expiresAt)],
);

/**
 * Two-factor sign-in (TOTP, RFC 6238). A secret is pending until a code from it is confirmed
 * (`enabled_at`); `last_step` is the newest time step a code was accepted for, so no code is used twice.
 */
export const twoFactor = pgTable('two_factor', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull(),
  enabledAt: timestamptz('enabled_at'),
  lastStep: bigint('last_step', { mode: 'number' }),
  createdAt: createdAt(),
});

/** Single-use recovery codes for two-factor sign-in: SHA-256 of each, crossed out when used. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamptz('used_at'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/**
 * What an owner agreed to when publishing: one row per publication (a community share that creates or
 * re-tags a copy), kept after the copy is gone.
 */
export const consentReceipts = pgTable(
  'consent_receipts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    communityMediaId: integer('community_media_id').references(() => communityMedia.id, { onDelete: 'set null' }),
    mediaId: integer('media_id'),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    policyVersion: text('policy_version').notNull(),
    policySha256: text('policy_sha256').notNull(),
    /** The exact sentence the owner agreed to, as the share dialog showed it. */
    statement: text('statement').notNull(),
    reqId: text('req_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('consent_receipts_community_media_id_idx').on(t.communityMediaId, t.createdAt.desc().nullsFirst())],
);

/**
 * Reports of a community item or a share link. `target` names what is reported (`community:12`,
 * `media:34`), so one reporter (`reporter_key`: an account, or an address when signed out) counts once.
 */
export const reports = pgTable(
  'reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    target: text('target').notNull(),
    communityMediaId: integer('community_media_id').references(() => communityMedia.id, { onDelete: 'cascade' }),
    mediaId: integer('media_id').references(() => media.id, { onDelete: 'cascade' }),
    reporterUserId: integer('reporter_user_id').references(() => users.id, { onDelete: 'set null' }),
    reporterKey: text('reporter_key').notNull(),
    reason: text('reason', { enum: ['non_consensual', 'underage', 'copyright', 'spam', 'other'] }).notNull(),
    details: text('details'),
    status: text('status', { enum: ['open', 'dismissed', 'actioned'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    resolvedAt: timestamptz('resolved_at'),
  },
  (t) => [
    uniqueIndex('reports_target_reporter_key').on(t.target, t.reporterKey),
    index('reports_status_target_idx').on(t.status, t.target),
    check('reports_status_check', sql`${t.status} in ('open', 'dismissed', 'actioned')`),
  ],
);

/** Every moderation action, and every refused re-share: written once, never changed through the API. */
export const moderationLog = pgTable(
  'moderation_log',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetKind: text('target_kind').notNull(),
    targetId: integer('target_id').notNull(),
    reason: text('reason'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('moderation_log_created_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())],
);

/** Perceptual hashes of taken-down pictures: a community share within the threshold of one is refused. */
export const blockedHashes = pgTable('blocked_hashes', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  perceptualHash: text('perceptual_hash').notNull(),
  communityMediaId: integer('community_media_id').references(() => communityMedia.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});
