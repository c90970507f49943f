import { resumeAccountDeletions } from '../account/delete-account';
import type { CoreDeps } from '../deps';
import { runPendingDeletes, type PendingDeletesResult } from './pending-deletes';
import { sweepExpired, type ExpiredSweepResult } from './sweep-expired';
import { sweepStorage, type SweepResult } from './sweep-storage';

export interface FullSweepResult {
  /** Undefined when another process was sweeping storage at that moment. */
  storage: SweepResult | undefined;
  expired: ExpiredSweepResult;
  /** Account deletions a process began and did not finish, finished now. */
  accounts: number;
  /**
   * One pass of the delete worker: objects leaving a place (deletes, and the moves of hidden and
   * restored copies) that are due, for a deployment where no server runs the worker right now.
   */
  pendingDeletes: PendingDeletesResult;
}

/** Everything the periodic sweep does, as the server runs it and `pnpm sweep` runs it once. */
export const runSweep = async (deps: CoreDeps, { graceMs }: { graceMs: number }): Promise<FullSweepResult> => ({
  storage: await sweepStorage(deps, { graceMs }),
  // Idempotent deletes: any number of processes may run them at once.
  expired: await sweepExpired(deps),
  accounts: await resumeAccountDeletions(deps),
  pendingDeletes: await runPendingDeletes(deps),
});
