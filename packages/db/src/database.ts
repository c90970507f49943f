import { LockTimeoutError, type DatabasePort, type Repos } from '@mediashare/core';
import { sql } from 'drizzle-orm';
import { connect, LOCK_NAMESPACE, type ConnectOptions, type Connection, type Executor } from './client';
import { activityRepo } from './repos/activity';
import { apiTokenRepo } from './repos/api-tokens';
import { communityRepo } from './repos/community';
import { shareClaimRepo } from './repos/share-claims';
import { loginThrottleRepo } from './repos/login-throttle';
import { mediaRepo } from './repos/media';
import { passwordResetRepo } from './repos/password-resets';
import { sessionRepo } from './repos/sessions';
import { storageIntentRepo } from './repos/storage-intents';
import { tagRepo } from './repos/tags';
import { userRepo } from './repos/users';

export const reposFor = (db: Executor): Repos => ({
  users: userRepo(db),
  apiTokens: apiTokenRepo(db),
  sessions: sessionRepo(db),
  passwordResets: passwordResetRepo(db),
  loginThrottle: loginThrottleRepo(db),
  media: mediaRepo(db),
  tags: tagRepo(db),
  activity: activityRepo(db),
  storageIntents: storageIntentRepo(db),
  community: communityRepo(db),
  shareClaims: shareClaimRepo(db),
});

/** PostgreSQL's lock_not_available, raised when lock_timeout runs out. */
const isLockTimeout = (error: unknown): boolean => {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '55P03') return true;
  }
  return false;
};

/** Stable small integers for the named job locks of `runExclusive`. */
const JOB_LOCKS: Record<string, number> = { 'storage-sweep': 2, 'session-sweep': 3 };

export const createDatabase = (connection: Connection): DatabasePort & { connection: Connection } => ({
  ...reposFor(connection.db),
  connection,
  // Inside `fn` only `tx` may be used: on PGlite the outer handle would wait for this very transaction.
  transaction: (fn) => connection.db.transaction((tx) => fn(reposFor(tx as unknown as Executor))),
  async withMediaLock(mediaId, lockTimeoutMs, fn) {
    try {
      return await connection.db.transaction(async (tx) => {
        // One round trip: the FROM clause runs first, so the timeout (set_config(..., true) is SET LOCAL,
        // ending with this transaction) is in force before the lock is requested. Nothing is queued
        // behind it: a timeout must reach the caller as itself, not as the aborted statements after it.
        await tx.execute(
          sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${mediaId}) from (select set_config('lock_timeout', ${`${lockTimeoutMs}ms`}, true)) as timeout`,
        );
        return fn(reposFor(tx as unknown as Executor));
      });
    } catch (error) {
      if (isLockTimeout(error)) throw new LockTimeoutError({ cause: error });
      throw error;
    }
  },
  async runExclusive(job, fn) {
    const key = JOB_LOCKS[job];
    if (key === undefined) throw new Error(`unknown job lock: ${job}`);
    const outcome = await connection.tryExclusive(key, fn);
    return outcome.ran ? outcome.value : undefined;
  },
  async ping() {
    await connection.db.execute(sql`select 1`);
  },
  close: () => connection.close(),
});

/** Connects, applies the committed migrations, and returns the port core uses. */
export const openDatabase = async (options: ConnectOptions) => {
  const connection = await connect(options);
  await connection.migrate();
  return createDatabase(connection);
};
