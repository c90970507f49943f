import { setTimeout as sleep } from 'node:timers/promises';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { LockTimeoutError, type Repos } from '../ports/database';

/**
 * Runs `step` under the media item's lock, again and again while it answers `wait` (another request is
 * copying this item), until it answers something else or the wait runs out (503 with Retry-After).
 * No connection is held between attempts.
 */
export const runLocked = async <R extends { kind: string }>(
  deps: Pick<CoreDeps, 'db' | 'config'>,
  mediaId: number,
  step: (tx: Repos) => Promise<R>,
): Promise<Exclude<R, { kind: 'wait' }>> => {
  const deadline = performance.now() + deps.config.share.claimWaitMs;
  for (let pause = 20; ; pause = Math.min(pause * 1.5, 250)) {
    let outcome: R;
    try {
      outcome = await deps.db.withMediaLock(mediaId, deps.config.share.lockTimeoutMs, step);
    } catch (error) {
      if (error instanceof LockTimeoutError) throw ERRORS.mediaBusy({ cause: error });
      throw error;
    }
    if (outcome.kind !== 'wait') return outcome as Exclude<R, { kind: 'wait' }>;
    if (performance.now() > deadline) throw ERRORS.mediaBusy();
    await sleep(pause / 2 + Math.random() * pause);
  }
};
