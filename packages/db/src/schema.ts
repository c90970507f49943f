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
  },
  (t) => [index('sessions_user_id_idx').on(t.userId), index('sessions_expires_at_idx').on(t.expiresAt)],
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

/** Failed sign-ins per account name and per client address, shared by every API process. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamptz('window_started_at').notNull(),
  lockedUntil: timestamptz('locked_until'),
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
    index('community_media_user_id_idx').on(t.userId),
    check('community_media_source_check', sql`${t.source} in ${SOURCES}`),
  ],
);

export const tags = pgTable('tags', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  slug: text('slug').notNull().unique('tags_slug_key'),
  label: text('label').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

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
