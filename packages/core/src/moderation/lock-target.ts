import type { CoreDeps } from '../deps';
import type { Repos } from '../ports/database';
import { runLocked } from '../share/run-locked';

/**
 * Runs `step` under the lock of the media item a community copy belongs to, as every share change does,
 * so a moderation action and the owner's re-share or unshare of the same item never interleave. A copy
 * whose original was deleted has no item lock: a plain transaction, serialised by its row lock. If the copy's item changed
 * between the look and the lock (the original was deleted meanwhile), it looks again.
 */
export const withCopyLocked = async <R>(
  deps: Pick<CoreDeps, 'db' | 'config'>,
  communityMediaId: number,
  step: (tx: Repos) => Promise<R>,
  onMissing: () => Error,
): Promise<R> => {
  for (;;) {
    const found = await deps.db.community.findById(communityMediaId);
    if (!found) throw onMissing();
    const lockedMediaId = found.mediaId;
    const attempt = async (tx: Repos) => {
      // The row lock as well: a copy whose original is gone has no item lock, and one whose original is
      // deleted meanwhile would be under two different ones. The moves of its objects take it too.
      const row = await tx.community.lockById(communityMediaId);
      if (!row) throw onMissing();
      if (row.mediaId !== lockedMediaId) return { kind: 'again' } as const;
      return { kind: 'done', value: await step(tx) } as const;
    };
    const outcome = lockedMediaId === null ? await deps.db.transaction(attempt) : await runLocked(deps, lockedMediaId, attempt);
    if (outcome.kind === 'done') return outcome.value;
  }
};
