import type { CoreDeps } from '../deps';
import { drainRenditionJobs } from './run-rendition-job';

export interface BackfillProgress {
  queued: number;
  done: number;
  /** Jobs still waiting or running, whoever runs them. */
  remaining: number;
}

/**
 * Queues a rendition job for every item that has neither renditions nor a recorded failure, then runs
 * the queue here. Resumable: the queue is in the database, so an interrupted run leaves its jobs for the
 * next run (or for the servers' workers), and items already done are never queued again.
 */
export const backfillRenditions = async (
  deps: CoreDeps,
  { batchSize = 500, onProgress }: { batchSize?: number; onProgress?: (progress: BackfillProgress) => void } = {},
) => {
  let queued = 0;
  for (const kind of ['media', 'community'] as const) {
    for (let after = 0; ;) {
      const rows =
        kind === 'media'
          ? await deps.db.media.findWithoutRenditions(after, batchSize)
          : await deps.db.community.findWithoutRenditions(after, batchSize);
      if (rows.length === 0) break;
      await deps.db.transaction(async (tx) => {
        for (const row of rows) await tx.renditionJobs.enqueue({ kind, id: row.id }, deps.now());
      });
      queued += rows.length;
      after = rows.at(-1)!.id;
    }
  }
  let done = 0;
  const total = await deps.db.renditionJobs.count();
  onProgress?.({ queued, done, remaining: total });
  for (;;) {
    const ran = await drainRenditionJobs(deps, { limit: 1 });
    if (ran.length === 0) break;
    done += 1;
    onProgress?.({ queued, done, remaining: await deps.db.renditionJobs.count() });
  }
  return { queued, done, remaining: await deps.db.renditionJobs.count() };
};
