import type {
  ActivityEntry,
  ActivityRecord,
  ApiTokenRecord,
  CommunityFeedQuery,
  CommunityFeedRow,
  CommunityMediaRecord,
  ExposureCursor,
  ExposureRow,
  CommunityModeration,
  CommunityTexts,
  ResolvedTag,
  TagSuggestionRecord,
  VocabularyTag,
  AdminTagRecord,
  NewCommunityMedia,
  KeysetCursor,
  MediaRecord,
  NewMedia,
  RenditionJobRecord,
  ConsentReceiptRecord,
  ModerationLogRecord,
  NewConsentReceipt,
  NewModerationLogEntry,
  NewReport,
  ReportQueueRow,
  ReportRecord,
  TModerationStatus,
  RenditionTarget,
  RenditionUpdate,
  NewSession,
  PasswordResetRecord,
  SessionRecord,
  ShareLinkRecord,
  ShareLinkSettings,
  TagRecord,
  UserRecord,
  InviteRecord,
  UserUsageRow,
  TwoFactorRecord,
} from './records';

export interface UserRepo {
  /** Inserts unless the email or username is taken; says which one was. */
  create(
    input: Pick<UserRecord, 'email' | 'username' | 'passwordHash'>,
  ): Promise<{ ok: true; user: UserRecord } | { ok: false; conflict: 'email' | 'username' }>;
  /** Case-insensitive match on email or username. */
  findByLogin(login: string): Promise<UserRecord | null>;
  /** Which of the two is taken already (case-insensitive), the email first. */
  findTaken(input: Pick<UserRecord, 'email' | 'username'>): Promise<'email' | 'username' | null>;
  findById(id: number): Promise<UserRecord | null>;
  /** Case-insensitive, usernames only. */
  findByUsername(username: string): Promise<UserRecord | null>;
  /** Changes the given fields unless the email or username is another account's; says which one was. */
  update(
    id: number,
    changes: Partial<Pick<UserRecord, 'email' | 'username'>>,
  ): Promise<{ ok: true; user: UserRecord } | { ok: false; conflict: 'email' | 'username' }>;
  setPasswordHash(id: number, passwordHash: string): Promise<void>;
  /**
   * Starts the account's deletion: frees its email and username for new accounts, makes its password
   * unusable and records when. False when there is no such account (or it is being deleted already).
   */
  beginDeletion(id: number, at: Date): Promise<boolean>;
  /** Accounts whose deletion began and has not finished. */
  findDeleting(limit: number): Promise<number[]>;
  /** Removes the row (what still references it goes or is detached with it). */
  delete(id: number): Promise<void>;
  setRole(id: number, role: UserRecord['role']): Promise<void>;
  /** Bans (a date) or lifts the ban (null) on publishing to the Community. */
  setCommunityBan(id: number, at: Date | null): Promise<void>;
  setShowMature(id: number, showMature: boolean): Promise<void>;
}

export interface SessionRepo {
  create(session: NewSession): Promise<void>;
  /** The session and its user, if it has not expired at `now`. */
  findActive(id: string, now: Date): Promise<{ session: SessionRecord; user: UserRecord } | null>;
  touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  delete(id: string): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
  /** The user's sessions that have not expired at `now`, most recently seen first. */
  findForUser(userId: number, now: Date): Promise<SessionRecord[]>;
  /** Ends the user's session with this public id; false when there is none of theirs. */
  deleteByPublicId(userId: number, publicId: string): Promise<boolean>;
  /** Ends every session of the user but `keepId` (none kept when it is undefined); returns how many ended. */
  deleteForUser(userId: number, keepId?: string): Promise<number>;
}

/** Password reset links, by the hash of their token. */
export interface PasswordResetRepo {
  create(reset: Omit<PasswordResetRecord, 'usedAt'>): Promise<void>;
  /**
   * Marks the link used and returns its user, in one statement, if it is unused and unexpired at `now`:
   * two requests with the same link cannot both get a user.
   */
  consume(tokenHash: string, now: Date): Promise<number | null>;
  /** Retires every link of the user, used or not (after a reset, the other links die with it). */
  deleteForUser(userId: number): Promise<void>;
  /** Removes links that expired before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

export interface ApiTokenRepo {
  create(
    token: Pick<ApiTokenRecord, 'userId' | 'name' | 'tokenHash' | 'prefix' | 'scopes' | 'expiresAt'>,
  ): Promise<ApiTokenRecord>;
  /** The user's tokens that are not revoked, newest first. */
  findForUser(userId: number): Promise<ApiTokenRecord[]>;
  /** Revokes the user's token; false when it is not theirs or already revoked. */
  revoke(userId: number, id: number, at: Date): Promise<boolean>;
  /** The token and its owner when the hash names a token that is neither revoked nor expired at `now`. */
  findActive(tokenHash: string, now: Date): Promise<{ token: ApiTokenRecord; user: UserRecord } | null>;
  touch(id: number, at: Date): Promise<void>;
  /** Removes every token of the user; returns how many. */
  deleteForUser(userId: number): Promise<number>;
}

export interface LoginThrottleRepo {
  /**
   * Takes one sign-in attempt from `key`'s budget in one statement, before any password is checked, so
   * parallel requests and other processes can never take more than `maxAttempts` in one window. A
   * window starts at the first attempt and lasts `windowMs`. Refused: when the budget comes back.
   */
  reserve(
    key: string,
    now: Date,
    policy: { windowMs: number; maxAttempts: number },
  ): Promise<{ ok: true; windowStartedAt: Date } | { ok: false; retryAt: Date }>;
  /** Gives an attempt back (the password was right, or never checked) to the window it was taken from. */
  release(key: string, windowStartedAt: Date): Promise<void>;
  /** Deletes the rows whose window ended before `olderThan`: they no longer limit anything. */
  deleteStale(olderThan: Date): Promise<number>;
}

/** Request budgets (limits/spend-budget.ts): one row per budget, scope and caller, shared by every process. */
export interface RateLimitRepo {
  /**
   * Counts one request against `key` in one statement, unless the window still open at `now` has `limit`
   * requests already (then nothing changes and `allowed` is false). A window starts at the first request
   * after the previous one ended and lasts `windowMs`.
   */
  spend(
    key: string,
    now: Date,
    policy: { limit: number; windowMs: number },
  ): Promise<{ allowed: boolean; hits: number; resetsAt: Date }>;
  /** Gives one request back to the window ending at `resetsAt` (a spend that turned out not to count). */
  giveBack(key: string, resetsAt: Date): Promise<void>;
  /** Removes the rows whose window has ended by `now`; a later request starts afresh without them. */
  deleteExpired(now: Date): Promise<number>;
}

export interface MediaRepo {
  create(media: NewMedia): Promise<MediaRecord>;
  /** Inserts unless a row has this file path already; either way returns the row for the path. */
  createIfAbsent(media: NewMedia): Promise<MediaRecord>;
  findByPath(filePath: string): Promise<MediaRecord | null>;
  findByShareCode(shareCode: string): Promise<MediaRecord | null>;
  setShareState(id: number, state: Pick<MediaRecord, 'isShared' | 'shareToCommunity' | 'shareCode'>): Promise<MediaRecord>;
  findOwned(userId: number, id: number): Promise<MediaRecord | null>;
  /** The user's item with its share claim and community copy, in one read (the share flow's hot path). */
  findOwnedShareState(
    userId: number,
    id: number,
  ): Promise<{ media: MediaRecord; claim: ShareClaim | null; community: CommunityMediaRecord | null } | null>;
  /** Newest first, strictly after `cursor`. */
  listOwned(userId: number, options: { cursor?: KeysetCursor; limit: number }): Promise<MediaRecord[]>;
  /** Removes the row if the user owns it; returns what was removed. */
  deleteOwned(userId: number, id: number): Promise<MediaRecord | null>;
  /** Any user's item: for background work that has no caller. */
  findById(id: number): Promise<MediaRecord | null>;
  setRenditions(id: number, update: RenditionUpdate): Promise<void>;
  /** Records the link file's stripped copy unless one is recorded already; the path in force, null without the row. */
  setStrippedPath(id: number, path: string, size: number): Promise<string | null>;
  /** Items with no renditions and no recorded failure, by id after `afterId`: what a backfill makes. */
  findWithoutRenditions(afterId: number, limit: number): Promise<MediaRecord[]>;
  /** Hides (a date) or shows again (null) the item's share link, for reports of a link. */
  setLinkHidden(id: number, at: Date | null): Promise<void>;
}

export interface TagRepo {
  findActive(): Promise<TagRecord[]>;
  findActiveBySlugs(slugs: string[]): Promise<TagRecord[]>;
  /** Active or not: items keep their tags after a tag leaves the list, and can still be found by them. */
  findBySlugs(slugs: string[]): Promise<TagRecord[]>;
  findAll(): Promise<TagRecord[]>;
  /** Each name that is a tag's slug or one of its aliases, with that tag (inactive ones only when asked). */
  resolve(names: string[], options: { activeOnly: boolean }): Promise<ResolvedTag[]>;
  /** The active tags with their aliases and item counts, by slug. */
  findVocabulary(): Promise<VocabularyTag[]>;
  /** Active tags whose slug, label or an alias starts with `prefix`: most used first, at most `limit`. */
  suggest(prefix: string, limit: number): Promise<TagSuggestionRecord[]>;
  /**
   * Inserts new slugs, relabels and (re)activates known ones, deactivates the rest (and those marked
   * inactive); each listed tag's aliases become exactly the listed ones. Never deletes a tag. What an
   * admin did survives where the file does not contradict it: admin aliases stay unless the file names
   * them, and a tag an admin merged stays merged (its items moved; its slug must keep finding them).
   */
  sync(
    tags: {
      slug: string;
      label: string;
      aliases?: string[] | undefined;
      active?: boolean | undefined;
      mergeInto?: string | undefined;
    }[],
  ): Promise<{
    added: string[];
    relabeled: string[];
    deactivated: string[];
    reactivated: string[];
    aliases: number;
    /** Merged tags, and how many assignments each moved. */
    merged: { slug: string; into: string; moved: number }[];
    /** Tags an admin merged that the file lists as tags of their own: they stay merged. */
    keptMerged: string[];
  }>;
  /** Every tag, inactive and merged ones too, by slug (admins). */
  findAdminList(): Promise<AdminTagRecord[]>;
  /**
   * The tags with these slugs, locked for the rest of the transaction (in id order, so two admin edits
   * of the same pair wait for each other instead of deadlocking).
   */
  lockBySlugs(slugs: string[]): Promise<TagRecord[]>;
  /** Adds an admin alias; false when the name is taken (a slug or an alias already). */
  addAlias(tagId: number, alias: string): Promise<boolean>;
  update(tagId: number, changes: { label?: string | undefined; active?: boolean | undefined }): Promise<void>;
  /**
   * Moves every item and alias of one tag to another (an item with both keeps one), deactivates it and
   * makes its slug an admin alias of the other; the count triggers follow. Returns the items moved.
   */
  merge(fromId: number, intoId: number): Promise<number>;
  /** Inserts the given tags only where the table is empty. */
  seedIfEmpty(
    tags: { slug: string; label: string; aliases?: string[] | undefined; active?: boolean | undefined }[],
  ): Promise<number>;
}

export interface CommunityRepo {
  findByMediaId(mediaId: number): Promise<CommunityMediaRecord | null>;
  findById(id: number): Promise<CommunityMediaRecord | null>;
  /** The copy, its row locked until the transaction ends: moderation and the moves of its objects take turns. */
  lockById(id: number): Promise<CommunityMediaRecord | null>;
  /** The copy whose public file this is. */
  findByFilePath(filePath: string): Promise<CommunityMediaRecord | null>;
  /** Null when the media item has a community copy already: the unique index has the last word. */
  create(row: NewCommunityMedia): Promise<CommunityMediaRecord | null>;
  delete(id: number): Promise<void>;
  /** Replaces the tag set in one go; `createdAt` is copied into each assignment for the feed index. */
  setTags(communityMediaId: number, tagIds: number[], createdAt: Date): Promise<void>;
  setTexts(communityMediaId: number, texts: CommunityTexts): Promise<void>;
  tagSlugs(communityMediaId: number): Promise<string[]>;
  /** Newest first, strictly after the cursor, carrying every tag asked for: keyset only, never OFFSET. */
  findFeed(query: CommunityFeedQuery): Promise<CommunityFeedRow[]>;
  findFeedItem(id: number): Promise<CommunityFeedRow | null>;
  setRenditions(id: number, update: RenditionUpdate): Promise<void>;
  findWithoutRenditions(afterId: number, limit: number): Promise<CommunityMediaRecord[]>;
  /** The user's community copies, by id after `afterId`. */
  findForOwner(userId: number, afterId: number, limit: number): Promise<CommunityMediaRecord[]>;
  setMature(id: number, mature: boolean): Promise<void>;
  /** The moderation state of the community copies of these media items (those that have one). */
  findModeration(mediaIds: number[]): Promise<CommunityModeration[]>;
  /** Moves the copy between visible, hidden and removed (with the takedown's reason and time). */
  setModerationStatus(
    id: number,
    status: TModerationStatus,
    removal?: { reason: string; at: Date },
  ): Promise<CommunityMediaRecord | null>;
}

/**
 * Renditions still to make, one job per item. A job is held by a lease: only its holder may finish it,
 * and a holder that dies loses it when the lease runs out, so the job runs again elsewhere.
 */
export interface RenditionJobRepo {
  /** Adds a job for the item unless it has one; due at `runAfter`. */
  enqueue(target: RenditionTarget, runAfter: Date): Promise<void>;
  /** Takes the next due job that no live lease holds (skipping rows other processes are taking). */
  claim(now: Date, leaseMs: number, leaseId: string): Promise<RenditionJobRecord | null>;
  /** Moves the lease on while the work runs; false once it is no longer this holder's. */
  extend(id: number, leaseId: string, until: Date): Promise<boolean>;
  /** Removes the job if this holder still has it: the last step of a finished job, in its transaction. */
  complete(id: number, leaseId: string): Promise<boolean>;
  /** Gives the job back to run again at `runAfter`, saying why it failed. */
  retry(id: number, leaseId: string, runAfter: Date, error: string): Promise<boolean>;
  /** Jobs waiting or running. */
  count(): Promise<number>;
}

export interface ShareClaim {
  mediaId: number;
  claimId: string;
  filePath: string;
  expiresAt: Date;
}

/** Who is making the community copy of a media item right now (see DESIGN: short transactions). */
export interface ShareClaimRepo {
  find(mediaId: number): Promise<ShareClaim | null>;
  /** Takes the claim if there is none or the one there has expired at `now`; false otherwise. */
  acquire(claim: ShareClaim, now: Date): Promise<boolean>;
  /** Moves the lease on while the holder is still working. */
  extend(mediaId: number, claimId: string, expiresAt: Date): Promise<boolean>;
  /** Gives the claim up; false if it was no longer this holder's. */
  release(mediaId: number, claimId: string): Promise<boolean>;
  deleteExpired(now: Date): Promise<number>;
}

export interface ActivityRepo {
  record(entry: ActivityEntry): Promise<void>;
  /** The user's activity, oldest first, by id after `afterId`. */
  findForUser(userId: number, afterId: number, limit: number): Promise<ActivityRecord[]>;
  /** Keeps the user's entries but drops who made them. */
  anonymise(userId: number): Promise<void>;
}

/**
 * Objects that may have no row pointing at them: written before the row that will reference them
 * commits, or orphaned by a row that was deleted. The sweep deletes those still unreferenced after a
 * grace period, which is how a crash between storage and database work is repaired.
 */
export interface StorageIntentRepo {
  add(bucket: string, path: string): Promise<void>;
  remove(bucket: string, path: string): Promise<void>;
  findStale(olderThan: Date, limit: number): Promise<{ bucket: string; path: string; createdAt: Date }[]>;
  /**
   * `referenced`: a row points at the object; `pending`: a live share claim is still writing it;
   * `orphan`: nothing will ever point at it.
   */
  status(bucket: string, path: string, now: Date): Promise<'referenced' | 'pending' | 'orphan'>;
}

/** One public object waiting to leave storage (see PendingDeleteRepo). */
export interface PendingDelete {
  bucket: string;
  path: string;
  /** Attempts made so far, this one included once claimed. */
  attempts: number;
}

/**
 * Objects known to be unreferenced that must leave storage soon (an unpublished public copy): a worker
 * deletes each until storage confirms, retrying with a backoff of seconds. Shared by every process.
 */
export interface PendingDeleteRepo {
  /** Records the object for deletion, due at `dueAt` (again, if it was recorded already). */
  add(bucket: string, path: string, dueAt: Date): Promise<void>;
  /**
   * Takes up to `limit` records due at `now` and moves each one's next attempt to `leaseUntil`, so no
   * other process takes it meanwhile; counts the attempt.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<PendingDelete[]>;
  /** Storage confirmed the delete. */
  remove(bucket: string, path: string): Promise<void>;
  /** The attempt failed: try again at `nextAttemptAt`. */
  retryAt(bucket: string, path: string, nextAttemptAt: Date, error: string): Promise<void>;
  /** When the next record is due, if there is one. */
  nextDueAt(): Promise<Date | null>;
}

/** A creating request's record under its Idempotency-Key: held while it runs, then its stored answer. */
export interface IdempotencyRecord {
  /** Null while the first request still runs. */
  fingerprint: string | null;
  responseStatus: number | null;
  /** The answer's body, sealed with the key itself (idempotency/sealed-answer.ts). */
  responseBody: string | null;
  lockedUntil: Date;
  expiresAt: Date;
}

/**
 * Idempotency keys per user, by the hash of the key: one row per key, taken by the first request in one
 * statement, so concurrent duplicates in any process see it and wait for its answer.
 */
export interface IdempotencyKeyRepo {
  /**
   * Takes the key for a new run unless a live row holds it: none, an unfinished one whose holder let its
   * lock run out by `now`, or one that expired by `now`. True when taken.
   */
  acquire(row: { userId: number; keyHash: string; lockedUntil: Date; expiresAt: Date }, now: Date): Promise<boolean>;
  find(userId: number, keyHash: string): Promise<IdempotencyRecord | null>;
  /** The holder is still working: its lock moves on. */
  extend(userId: number, keyHash: string, lockedUntil: Date): Promise<void>;
  /** Stores the first request's answer and what it was an answer to. */
  complete(
    userId: number,
    keyHash: string,
    answer: { fingerprint: string; responseStatus: number; responseBody: string },
  ): Promise<void>;
  /** The run failed: the key is free again, unless an answer is stored under it. */
  release(userId: number, keyHash: string): Promise<void>;
  /** Removes rows past their 24 hours; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

/** Share link settings, views and the visitor keys that count them. */
export interface ShareLinkRepo {
  find(shareCode: string): Promise<ShareLinkRecord | null>;
  /** Writes the given settings, making the row (with the defaults for the rest) if there is none. */
  update(shareCode: string, mediaId: number, changes: Partial<ShareLinkSettings>): Promise<ShareLinkRecord>;
  /** Records the visitor for the hour; false when they were recorded already. */
  addVisit(shareCode: string, visitor: string, hour: Date): Promise<boolean>;
  /**
   * Counts one view in one statement unless the link's views have reached its limit: under concurrency
   * the row lock makes each request see the count the previous one left. The new count, or null.
   */
  addView(shareCode: string, mediaId: number): Promise<number | null>;
  /** Whether the visitor was counted in any of the given hours. */
  hasVisit(shareCode: string, visitor: string, hours: Date[]): Promise<boolean>;
  /** Forgets the settings and visits of the item's links (its link is being retired). */
  deleteForMedia(mediaId: number): Promise<void>;
  /** The day's visitor key: the stored one, or `candidate` stored now (the first process wins). */
  saltFor(day: string, candidate: string): Promise<string>;
  /** Drops visitor keys of days before `day` and visits before `hour`: nothing can link them any more. */
  deleteStale(day: string, hour: Date): Promise<number>;
  /** The user's links and community items, newest exposure first, strictly after the cursor. */
  findExposure(userId: number, options: { cursor?: ExposureCursor | undefined; limit: number }): Promise<ExposureRow[]>;
  /** Ids of everything the user has made public: media items with a link or copy, and orphaned copies. */
  findExposedIds(userId: number): Promise<{ mediaIds: number[]; orphanCommunityIds: number[] }>;
}

export interface InviteRepo {
  create(invite: Pick<InviteRecord, 'codeHash' | 'createdBy' | 'maxUses' | 'expiresAt'>): Promise<InviteRecord>;
  /** Newest first. */
  findAll(): Promise<InviteRecord[]>;
  delete(id: number): Promise<boolean>;
  /** Whether the code has a use left and has not expired at `now` (a check only: nothing is taken). */
  isUsable(codeHash: string, now: Date): Promise<boolean>;
  /**
   * Takes one use in one statement if one is left and the invite has not expired at `now`: of parallel
   * registrations, on any number of processes, no more succeed than the invite has uses.
   */
  consume(codeHash: string, now: Date): Promise<number | null>;
}

/** What accounts store and may store (quotas), and the reservations uploads hold while their bytes arrive. */
export interface StorageUsageRepo {
  /** The account's own quota (null: the default applies). */
  findQuota(userId: number): Promise<number | null>;
  setQuota(userId: number, quotaBytes: number | null): Promise<boolean>;
  /** Bytes the account stores (originals and what is derived from them) plus live reservations, at `now`. */
  usage(userId: number, now: Date): Promise<number>;
  /**
   * Holds `bytes` more for an upload, under the account's row lock so processes take turns: creates the
   * reservation (`id` null) or grows it, and renews its expiry. Refused, with the usage that stood in the
   * way, when the total would pass `quota` (null: no limit).
   */
  reserve(input: {
    userId: number;
    id: string | null;
    bytes: number;
    quota: number | null;
    now: Date;
    expiresAt: Date;
  }): Promise<{ ok: true; id: string } | { ok: false; usage: number }>;
  /** Gives a reservation back (the upload settled as an item, or failed). */
  release(id: string): Promise<void>;
  /** Removes reservations a dead process left behind; returns how many. */
  deleteExpired(now: Date): Promise<number>;
  /** Every account with its usage, for admins, oldest account first. */
  listUsers(now: Date): Promise<UserUsageRow[]>;
}

export interface TwoFactorRepo {
  find(userId: number): Promise<TwoFactorRecord | null>;
  /** A new pending secret, replacing one not yet enabled; false when two-factor sign-in is already on. */
  setPending(userId: number, secret: string): Promise<boolean>;
  /** Turns on the pending secret, accepting `step`, with the recovery codes' hashes (replacing old ones). */
  enable(userId: number, step: number, at: Date, recoveryHashes: string[]): Promise<boolean>;
  /**
   * Records `step` as used in one statement, if it is newer than every step used before: a code cannot
   * be accepted twice, even by two requests at once.
   */
  acceptStep(userId: number, step: number): Promise<boolean>;
  /** Crosses out an unused recovery code in one statement; false when it is not one, or was used. */
  useRecoveryCode(userId: number, codeHash: string, at: Date): Promise<boolean>;
  /** Recovery codes not used yet. */
  countRecoveryCodes(userId: number): Promise<number>;
  /** Turns two-factor sign-in off: the secret and the recovery codes go. */
  disable(userId: number): Promise<void>;
}

export interface Repos {
  users: UserRepo;
  apiTokens: ApiTokenRepo;
  sessions: SessionRepo;
  passwordResets: PasswordResetRepo;
  loginThrottle: LoginThrottleRepo;
  media: MediaRepo;
  tags: TagRepo;
  activity: ActivityRepo;
  storageIntents: StorageIntentRepo;
  community: CommunityRepo;
  shareClaims: ShareClaimRepo;
  rateLimits: RateLimitRepo;
  renditionJobs: RenditionJobRepo;
  pendingDeletes: PendingDeleteRepo;
  idempotencyKeys: IdempotencyKeyRepo;
  shareLinks: ShareLinkRepo;
  invites: InviteRepo;
  storageUsage: StorageUsageRepo;
  twoFactor: TwoFactorRepo;
  moderation: ModerationRepo;
}

export interface DatabasePort extends Repos {
  /** Runs `fn` in one transaction; only the `tx` repos may be used inside it. */
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  /**
   * A short transaction holding the advisory lock of one media item. Waits at most `lockTimeoutMs` for
   * the lock, then fails with LockTimeoutError.
   */
  withMediaLock<T>(mediaId: number, lockTimeoutMs: number, fn: (tx: Repos) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` once if no other process holds the named job lock, and returns undefined otherwise.
   * Used so that one instance at a time runs the sweep.
   */
  runExclusive<T>(job: string, fn: () => Promise<T>): Promise<T | undefined>;
  /** One round trip to the database; fails when it does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Waiting for a row or advisory lock took longer than allowed. */
export class LockTimeoutError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('timed out waiting for a lock', options);
    this.name = 'LockTimeoutError';
  }
}

/**
 * The database did not answer: refused or dropped connections, a server shutting down or out of
 * connections. The database adapter raises it in place of its driver's errors, so REST and tRPC can
 * answer 503 with Retry-After instead of a 500 that says nothing about trying again.
 */
export class DatabaseUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the database is unavailable', options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Consent receipts, reports, the moderation log and the blocklist of taken-down pictures. */
export interface ModerationRepo {
  addReceipt(receipt: NewConsentReceipt): Promise<void>;
  /** Receipts of a community copy, newest first. */
  findReceipts(communityMediaId: number): Promise<ConsentReceiptRecord[]>;
  /** Inserts unless this reporter reported this target already: then that report, unchanged. */
  addReport(report: NewReport): Promise<{ report: ReportRecord; isNew: boolean }>;
  findReport(id: number): Promise<ReportRecord | null>;
  /** Distinct reporters of the target's open reports, and whether one of them names a severe reason. */
  countOpenReports(target: string): Promise<number>;
  /**
   * Open reports grouped by target, the most reported first, each with its copy or item, owner and newest
   * receipt: a constant number of queries however long the queue.
   */
  findReportQueue(limit: number): Promise<ReportQueueRow[]>;
  /** Closes every open report of the target; returns how many. */
  resolveReports(target: string, status: 'dismissed' | 'actioned', at: Date): Promise<number>;
  /** Appends; there is no update or delete. */
  log(entry: NewModerationLogEntry): Promise<ModerationLogRecord>;
  /** Newest first, strictly before `beforeId`. */
  findLog(options: { beforeId?: number | undefined; limit: number }): Promise<ModerationLogRecord[]>;
  blockHash(perceptualHash: string, communityMediaId: number): Promise<void>;
  /** Lifts the blocks a takedown of this copy made (an admin's restore). */
  unblockHashes(communityMediaId: number): Promise<void>;
  findBlockedHashes(): Promise<{ perceptualHash: string; communityMediaId: number | null }[]>;
}
