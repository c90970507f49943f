import type { CoreDeps } from '../deps';
import { withCopyLocked } from '../moderation/lock-target';
import type { Repos } from '../ports/database';
import type { TBucket } from '../ports/storage';
import { findOwningCopy, homeOf, moveObject } from './object-home';

/** The first retry comes after a second, each next one after twice as long, up to this. */
export const DELETE_RETRY_MAX_MS = 30_000;
/** How long a claimed record is left to the process that took it before another may try. */
const CLAIM_LEASE_MS = 60_000;
const BATCH = 100;

/** Backoff after the `attempts`-th failure: 1 s, 2 s, 4 s, ... up to `maxMs`. */
export const deleteRetryDelayMs = (attempts: number, maxMs = DELETE_RETRY_MAX_MS) =>
  Math.min(1000 * 2 ** Math.max(0, attempts - 1), maxMs);

interface Target {
  bucket: TBucket;
  key: string;
}

/**
 * Inside the transaction that removes the last row pointing at a public object (unpublishing, a
 * community item's removal, a takedown, an account's deletion) or that hides or shows a community copy:
 * records that the object must leave its place (for its copy's home, if it has one: `settle`). Call
 * `deleteObjectNow` after the commit.
 */
export const queueObjectDeletion = (tx: Pick<Repos, 'pendingDeletes'>, { bucket, key }: Target, now: Date) =>
  tx.pendingDeletes.add(bucket, key, now);

type Deps = Pick<CoreDeps, 'db' | 'storage' | 'logger' | 'now' | 'config'>;

class CopyGone extends Error {}

/**
 * An object of a community copy that is visible or hidden leaves its place for the copy's home (see
 * `homeOf`): a hidden copy's public objects move to quarantine, a restored one's move back, and a record
 * whose object is where it belongs after all is dropped. All of it under the copy's lock, so a hide and
 * a dismiss of the same copy never move its bytes in opposite directions at once.
 */
const settle = async (deps: Deps, target: Target) => {
  const owner = await findOwningCopy(deps.db, target);
  if (owner && owner.moderationStatus !== 'removed') {
    try {
      await withCopyLocked(
        deps,
        owner.id,
        async (tx) => {
          const home = homeOf(await tx.community.findById(owner.id), target);
          if (home === null) await deps.storage.delete(target.bucket, target.key);
          else if (home !== 'here') await moveObject(deps.storage, target, home);
          await tx.pendingDeletes.remove(target.bucket, target.key);
        },
        () => new CopyGone(),
      );
      return;
    } catch (error) {
      if (!(error instanceof CopyGone)) throw error;
    }
  }
  await deps.storage.delete(target.bucket, target.key);
  await deps.db.pendingDeletes.remove(target.bucket, target.key);
};

const attempt = async (deps: Deps, target: Target, attempts: number, maxDelayMs: number) => {
  const { db, logger, now } = deps;
  const { bucket, key } = target;
  try {
    await settle(deps, target);
    return true;
  } catch (error) {
    const delayMs = deleteRetryDelayMs(attempts, maxDelayMs);
    logger.warn({ err: error, bucket, key, attempts, retryInMs: delayMs }, 'could not delete a public object; retrying');
    await db.pendingDeletes
      .retryAt(bucket, key, new Date(now().getTime() + delayMs), error instanceof Error ? error.message : String(error))
      .catch(() => {});
    return false;
  }
};

/**
 * After the commit: deletes a queued object at once. If storage does not confirm, the record stays and
 * the delete worker (`runPendingDeletes`) tries again within seconds; the caller's answer does not wait.
 */
export const deleteObjectNow = async (deps: Deps, target: Target) => attempt(deps, target, 1, DELETE_RETRY_MAX_MS);

export interface PendingDeletesResult {
  deleted: number;
  failed: number;
  /** When the next record is due, for the worker's next wake-up. */
  nextDueAt: Date | null;
}

/** One pass of the delete worker: every due record, one attempt each. Any number of processes may run it. */
export const runPendingDeletes = async (
  deps: Deps,
  { maxDelayMs = DELETE_RETRY_MAX_MS }: { maxDelayMs?: number } = {},
): Promise<PendingDeletesResult> => {
  const result: PendingDeletesResult = { deleted: 0, failed: 0, nextDueAt: null };
  for (;;) {
    const now = deps.now();
    const due = await deps.db.pendingDeletes.claimDue(now, new Date(now.getTime() + CLAIM_LEASE_MS), BATCH);
    for (const { bucket, path, attempts } of due) {
      if (await attempt(deps, { bucket: bucket as TBucket, key: path }, attempts, maxDelayMs)) result.deleted += 1;
      else result.failed += 1;
    }
    if (due.length < BATCH) break;
  }
  result.nextDueAt = await deps.db.pendingDeletes.nextDueAt();
  if (result.deleted + result.failed > 0) deps.logger.info({ deleted: result.deleted, failed: result.failed }, 'pending deletes');
  return result;
};

/**
 * Runs `runPendingDeletes` in this process: when the next record is due, and at least every `pollMs` (a
 * record another process queued). `wake()` runs it at once. Returns a stop function.
 */
export const startDeleteWorker = (
  deps: Deps,
  { pollMs = 5000, maxDelayMs = DELETE_RETRY_MAX_MS }: { pollMs?: number; maxDelayMs?: number } = {},
) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  const schedule = (delayMs: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, Math.max(0, Math.min(delayMs, pollMs)));
    timer.unref?.();
  };
  const tick = () => {
    if (running) return;
    running = runPendingDeletes(deps, { maxDelayMs })
      .then(({ nextDueAt }) => schedule(nextDueAt ? nextDueAt.getTime() - deps.now().getTime() : pollMs))
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, 'delete worker failed');
        schedule(pollMs);
      })
      .finally(() => (running = undefined));
  };
  schedule(0);
  return {
    wake: () => schedule(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
