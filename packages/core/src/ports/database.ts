import type {
  ActivityEntry,
  KeysetCursor,
  MediaRecord,
  NewMedia,
  SessionRecord,
  TagRecord,
  UserRecord,
} from './records';

export interface UserRepo {
  /** Inserts unless the email or username is taken; says which one was. */
  create(input: Pick<UserRecord, 'email' | 'username' | 'passwordHash'>): Promise<
    { ok: true; user: UserRecord } | { ok: false; conflict: 'email' | 'username' }
  >;
  /** Case-insensitive match on email or username. */
  findByLogin(login: string): Promise<UserRecord | null>;
  findById(id: number): Promise<UserRecord | null>;
}

export interface SessionRepo {
  create(session: SessionRecord): Promise<void>;
  /** The session and its user, if it has not expired at `now`. */
  findActive(id: string, now: Date): Promise<{ session: SessionRecord; user: UserRecord } | null>;
  touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  delete(id: string): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
}

export interface LoginThrottleRepo {
  /** The latest time until which any of these keys is locked, if one is locked at `now`. */
  lockedUntil(keys: string[], now: Date): Promise<Date | null>;
  /**
   * Counts one failure for `key` inside a sliding window, atomically across processes; once the count
   * reaches `maxFailures` the key is locked for `lockMs`. Returns the lock's end when it is locked.
   */
  recordFailure(key: string, now: Date, policy: { windowMs: number; maxFailures: number; lockMs: number }): Promise<Date | null>;
  clear(key: string): Promise<void>;
}

export interface MediaRepo {
  create(media: NewMedia): Promise<MediaRecord>;
  findOwned(userId: number, id: number): Promise<MediaRecord | null>;
  /** Newest first, strictly after `cursor`. */
  listOwned(userId: number, options: { cursor?: KeysetCursor; limit: number }): Promise<MediaRecord[]>;
  /** Removes the row if the user owns it; returns what was removed. */
  deleteOwned(userId: number, id: number): Promise<MediaRecord | null>;
}

export interface TagRepo {
  findActive(): Promise<TagRecord[]>;
  findAll(): Promise<TagRecord[]>;
  /** Inserts new slugs, relabels and (re)activates known ones, deactivates the rest. Never deletes. */
  sync(tags: { slug: string; label: string }[]): Promise<{ added: string[]; relabeled: string[]; deactivated: string[]; reactivated: string[] }>;
  /** Inserts the given tags only where the table is empty. */
  seedIfEmpty(tags: { slug: string; label: string }[]): Promise<number>;
}

export interface ActivityRepo {
  record(entry: ActivityEntry): Promise<void>;
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
  isReferenced(bucket: string, path: string): Promise<boolean>;
}

export interface Repos {
  users: UserRepo;
  sessions: SessionRepo;
  loginThrottle: LoginThrottleRepo;
  media: MediaRepo;
  tags: TagRepo;
  activity: ActivityRepo;
  storageIntents: StorageIntentRepo;
}

export interface DatabasePort extends Repos {
  /** Runs `fn` in one transaction; only the `tx` repos may be used inside it. */
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` once if no other process holds the named job lock, and returns undefined otherwise.
   * Used so that one instance at a time runs the sweep.
   */
  runExclusive<T>(job: string, fn: () => Promise<T>): Promise<T | undefined>;
  close(): Promise<void>;
}
