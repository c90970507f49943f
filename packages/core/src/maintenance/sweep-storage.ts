import type { CoreDeps } from '../deps';
import type { TBucket } from '../ports/storage';

export interface SweepResult {
  /** Objects deleted because no row points at them. */
  deleted: number;
  /** Temporary files of writes that never finished. */
  incomplete: number;
  /** Intents dropped because their object is in use after all. */
  kept: number;
  failed: number;
}

/**
 * Repairs what a crash between storage and database work leaves behind: every intent older than the
 * grace period whose object no row references has its object deleted. One process at a time runs it.
 */
export const sweepStorage = async (
  deps: CoreDeps,
  { graceMs, batchSize = 500 }: { graceMs: number; batchSize?: number },
): Promise<SweepResult | undefined> =>
  deps.db.runExclusive('storage-sweep', async () => {
    const result: SweepResult = { deleted: 0, incomplete: 0, kept: 0, failed: 0 };
    const olderThan = new Date(deps.now().getTime() - graceMs);
    const stale = await deps.db.storageIntents.findStale(olderThan, batchSize);
    await deps.db.shareClaims.deleteExpired(deps.now());
    // Budgets whose window has ended count nothing any more.
    await deps.db.rateLimits.deleteExpired(deps.now());
    for (const { bucket, path } of stale) {
      try {
        const status = await deps.db.storageIntents.status(bucket, path, deps.now());
        // A copy still being written: its intent stays until its claim ends one way or the other.
        if (status === 'pending') continue;
        if (status === 'referenced') {
          result.kept += 1;
        } else {
          await deps.storage.delete(bucket as TBucket, path);
          result.deleted += 1;
        }
        await deps.db.storageIntents.remove(bucket, path);
      } catch (error) {
        result.failed += 1;
        deps.logger.warn({ err: error, bucket, path }, 'sweep could not settle an object');
      }
    }
    result.incomplete = (await deps.storage.removeIncomplete?.(olderThan)) ?? 0;
    if (result.deleted + result.incomplete + result.kept + result.failed > 0) deps.logger.info({ ...result }, 'storage sweep');
    return result;
  });
