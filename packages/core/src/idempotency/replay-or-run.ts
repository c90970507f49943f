import { setTimeout as sleep } from 'node:timers/promises';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { fingerprintOf, hashIdempotencyKey, openAnswer, sealAnswer } from './sealed-answer';

export interface IdempotentAnswer {
  status: number;
  body: unknown;
}

export interface IdempotentRequest<T> {
  userId: number;
  /** The client's Idempotency-Key, already checked against ZIdempotencyKey. */
  key: string;
  /**
   * This request's fingerprint without doing its work, for comparing a duplicate with the stored one.
   * May read the rest of the request (an upload's bytes); it is then never asked to run.
   */
  fingerprint: () => Promise<string>;
  /**
   * Does the work as the first request under the key. `answer` null: nothing to store (the key is freed).
   * Its fingerprint may only be known once the work is done (an upload's bytes are hashed as they pass).
   */
  run: () => Promise<{ result: T; answer: IdempotentAnswer | null; fingerprint: string }>;
}

/** The first run's own result, or the answer stored by an earlier one. */
export type IdempotentOutcome<T> = { replayed: false; result: T } | { replayed: true; answer: IdempotentAnswer };

export { fingerprintOf };

/**
 * Runs a creating request at most once per user and Idempotency-Key: the first request does the work
 * and stores its answer for `config.idempotency.ttlMs`; a retry of the same request gets that answer
 * back (`replayed`), a different request under the same key a 422, and a duplicate that arrives while
 * the first still runs (in any process) waits for its answer. A failed first run frees the key, so the
 * retry runs afresh.
 */
export const replayOrRun = async <T>(
  deps: Pick<CoreDeps, 'db' | 'now' | 'config' | 'logger'>,
  { userId, key, fingerprint, run }: IdempotentRequest<T>,
): Promise<IdempotentOutcome<T>> => {
  const { db, config, now } = deps;
  const { ttlMs, lockMs, waitMs, pollMs } = config.idempotency;
  const keyHash = hashIdempotencyKey(userId, key);
  // A duplicate starts reading its own request while it waits, so an upload's body keeps flowing.
  let mine: Promise<string> | undefined;
  const myFingerprint = () => {
    mine ??= fingerprint();
    mine.catch(() => {});
    return mine;
  };
  // Counted in polls, not read from the clock: the deadline holds under an injected clock too.
  for (let polls = 0; ; polls++) {
    const at = now().getTime();
    const taken = await db.idempotencyKeys.acquire(
      { userId, keyHash, lockedUntil: new Date(at + lockMs), expiresAt: new Date(at + ttlMs) },
      new Date(at),
    );
    if (taken) {
      // Its own request was read to compare it: this one cannot do the work any more; its retry will.
      if (mine) {
        await db.idempotencyKeys.release(userId, keyHash);
        throw ERRORS.idempotencyInProgress({ retryAfter: 1 });
      }
      return { replayed: false, result: await runFirst(deps, { userId, key, keyHash, run }) };
    }
    const record = await db.idempotencyKeys.find(userId, keyHash);
    if (record?.fingerprint && record.responseStatus !== null && record.responseBody !== null) {
      if ((await myFingerprint()) !== record.fingerprint) throw ERRORS.idempotencyKeyReused();
      return {
        replayed: true,
        answer: { status: record.responseStatus, body: openAnswer(userId, key, record.responseBody) },
      };
    }
    // Freed between the two reads: try to take it again at once.
    if (!record) continue;
    void myFingerprint();
    if (polls * pollMs >= waitMs) {
      throw ERRORS.idempotencyInProgress({ retryAfter: Math.max(1, Math.ceil(pollMs / 1000)) });
    }
    await sleep(pollMs);
  }
};

const runFirst = async <T>(
  { db, now, config, logger }: Pick<CoreDeps, 'db' | 'now' | 'config' | 'logger'>,
  { userId, key, keyHash, run }: Pick<IdempotentRequest<T>, 'userId' | 'key' | 'run'> & { keyHash: string },
): Promise<T> => {
  const { lockMs } = config.idempotency;
  // A long upload keeps its key: a duplicate must not take it over while this one still works.
  const renew = setInterval(() => {
    db.idempotencyKeys.extend(userId, keyHash, new Date(now().getTime() + lockMs)).catch(() => {});
  }, lockMs / 3);
  renew.unref();
  let outcome: Awaited<ReturnType<IdempotentRequest<T>['run']>>;
  try {
    outcome = await run();
  } catch (error) {
    await db.idempotencyKeys.release(userId, keyHash).catch(() => {});
    throw error;
  } finally {
    clearInterval(renew);
  }
  const { result, answer, fingerprint } = outcome;
  if (!answer) {
    await db.idempotencyKeys.release(userId, keyHash).catch(() => {});
    return result;
  }
  try {
    await db.idempotencyKeys.complete(userId, keyHash, {
      fingerprint,
      responseStatus: answer.status,
      responseBody: sealAnswer(userId, key, answer.body),
    });
  } catch (error) {
    // The work is done and answered; only a retry's replay is lost (it would run again).
    logger.warn({ err: error, userId }, 'could not store an idempotent answer');
    await db.idempotencyKeys.release(userId, keyHash).catch(() => {});
  }
  return result;
};
