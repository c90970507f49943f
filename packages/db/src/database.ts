import { DatabaseUnavailableError, LockTimeoutError, type DatabasePort, type Repos } from '@mediashare/core';
import { sql } from 'drizzle-orm';
import { connect, LOCK_NAMESPACE, type ConnectOptions, type Connection, type Executor } from './client';
import { activityRepo } from './repos/activity';
import { apiTokenRepo } from './repos/api-tokens';
import { communityRepo } from './repos/community';
import { shareClaimRepo } from './repos/share-claims';
import { loginThrottleRepo } from './repos/login-throttle';
import { mediaRepo } from './repos/media';
import { moderationRepo } from './repos/moderation';
import { rateLimitRepo } from './repos/rate-limits';
import { renditionJobRepo } from './repos/rendition-jobs';
import { passwordResetRepo } from './repos/password-resets';
import { pendingDeleteRepo } from './repos/pending-deletes';
import { idempotencyKeyRepo } from './repos/idempotency-keys';
import { sessionRepo } from './repos/sessions';
import { shareLinkRepo } from './repos/share-links';
import { storageIntentRepo } from './repos/storage-intents';
import { tagRepo } from './repos/tags';
import { userRepo } from './repos/users';
import { inviteRepo } from './repos/invites';
import { storageUsageRepo } from './repos/storage-usage';
import { twoFactorRepo } from './repos/two-factor';

const reposOf = (db: Executor): Repos => ({
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
  rateLimits: rateLimitRepo(db),
  renditionJobs: renditionJobRepo(db),
  pendingDeletes: pendingDeleteRepo(db),
  idempotencyKeys: idempotencyKeyRepo(db),
  shareLinks: shareLinkRepo(db),
  invites: inviteRepo(db),
  storageUsage: storageUsageRepo(db),
  twoFactor: twoFactorRepo(db),
  moderation: moderationRepo(db),
});

/**
 * The database did not answer, as opposed to refusing a statement: the driver's connection errors,
 * SQLSTATE class 08 (connection exception), a server shutting down (57P01-57P03) or out of connection
 * slots (53300). drizzle wraps driver errors, so the whole cause chain is looked at.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
export const isConnectionLoss = (error: unknown): boolean => {
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
    // Node's AggregateError for a host with several addresses, all refusing.
    if (e instanceof AggregateError && e.errors.some(isConnectionLoss)) return true;
  }
  return false;
};

const translated = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    if (isConnectionLoss(error)) throw new DatabaseUnavailableError({ cause: error });
    throw error;
  }
};

/** Every repository method, with connection losses raised as the port's DatabaseUnavailableError. */
export const reposFor = (db: Executor): Repos =>
  Object.fromEntries(
    Object.entries(reposOf(db)).map(([name, repo]) => [
      name,
      Object.fromEntries(
        Object.entries(repo as Record<string, (...args: unknown[]) => Promise<unknown>>).map(([method, fn]) => [
          method,
          (...args: unknown[]) => translated(() => fn(...args)),
        ]),
      ),
    ]),
  ) as unknown as Repos;

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
  transaction: (fn) => translated(() => connection.db.transaction((tx) => fn(reposFor(tx as unknown as Executor)))),
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
      if (isConnectionLoss(error)) throw new DatabaseUnavailableError({ cause: error });
      throw error;
    }
  },
  async runExclusive(job, fn) {
    const key = JOB_LOCKS[job];
    if (key === undefined) throw new Error(`unknown job lock: ${job}`);
    const outcome = await translated(() => connection.tryExclusive(key, fn));
    return outcome.ran ? outcome.value : undefined;
  },
  async ping() {
    await translated(() => connection.db.execute(sql`select 1`));
  },
  close: () => connection.close(),
});

/** Connects, applies the committed migrations, and returns the port core uses. */
export const openDatabase = async (options: ConnectOptions) => {
  const connection = await connect(options);
  await connection.migrate();
  return createDatabase(connection);
};
