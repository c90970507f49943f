import type { CoreDeps } from '../deps';
import type { Repos } from '../ports/database';
import type { TBucket } from '../ports/storage';

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
 * community item's removal, a takedown, an account's deletion): records that the object must go. Call
 * `deleteObjectNow` after the commit.
 */
export const queueObjectDeletion = (tx: Pick<Repos, 'pendingDeletes'>, { bucket, key }: Target, now: Date) =>
  tx.pendingDeletes.add(bucket, key, now);

const attempt = async (
  { db, storage, logger, now }: Pick<CoreDeps, 'db' | 'storage' | 'logger' | 'now'>,
  { bucket, key }: Target,
  attempts: number,
  maxDelayMs: number,
) => {
  try {
    await storage.delete(bucket, key);
    await db.pendingDeletes.remove(bucket, key);
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
export const deleteObjectNow = async (deps: Pick<CoreDeps, 'db' | 'storage' | 'logger' | 'now'>, target: Target) =>
  attempt(deps, target, 1, DELETE_RETRY_MAX_MS);

export interface PendingDeletesResult {
  deleted: number;
  failed: number;
  /** When the next record is due, for the worker's next wake-up. */
  nextDueAt: Date | null;
}

/** One pass of the delete worker: every due record, one attempt each. Any number of processes may run it. */
export const runPendingDeletes = async (
  deps: Pick<CoreDeps, 'db' | 'storage' | 'logger' | 'now'>,
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
  deps: Pick<CoreDeps, 'db' | 'storage' | 'logger' | 'now'>,
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
