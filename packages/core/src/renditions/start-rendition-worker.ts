import type { CoreDeps } from '../deps';
import { runRenditionJob } from './run-rendition-job';

export interface RenditionWorker {
  /** Looks for due jobs now instead of at the next poll. */
  wake(): void;
  /** Stops taking jobs and waits for the ones running; their leases are theirs until then. */
  stop(): Promise<void>;
}

/**
 * This process's share of the rendition queue: `concurrency` loops that each run due jobs until none is
 * left, then sleep until woken (a job queued here) or the poll interval passes (a job queued by another
 * process, or a retry coming due). Every instance runs one; the jobs' leases keep them apart.
 */
export const startRenditionWorker = (
  deps: CoreDeps,
  { concurrency, pollMs }: { concurrency: number; pollMs: number },
): RenditionWorker => {
  let stopped = false;
  let sleepers: (() => void)[] = [];
  const wake = () => {
    const waiting = sleepers;
    sleepers = [];
    for (const resume of waiting) resume();
  };
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      timer.unref();
      sleepers.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  const loop = async () => {
    while (!stopped) {
      try {
        while (!stopped && (await runRenditionJob(deps))) {
          // One job after another while there are any.
        }
      } catch (error) {
        deps.logger.error({ err: error }, 'rendition worker could not take a job');
      }
      if (!stopped) await sleep();
    }
  };
  const loops = Array.from({ length: concurrency }, () => loop());
  return {
    wake,
    async stop() {
      stopped = true;
      wake();
      await Promise.all(loops);
    },
  };
};
