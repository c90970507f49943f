import { randomUUID } from 'node:crypto';
import type { CoreDeps } from '../deps';
import { isAppError } from '../errors';
import { discardObject } from '../lib/discard-object';
import { deleteObjectNow, queueObjectDeletion } from '../maintenance/pending-deletes';
import { ImagingError } from '../ports/imaging';
import type { RenditionJobRecord } from '../ports/records';
import { makeRenditionsFor, NoRenditions } from './make-renditions';
import { renditionKeyFor } from './rendition-keys';
import { findRenditionSource, saveRenditions, type RenditionSource } from './rendition-source';

export type TJobOutcome = 'made' | 'failed' | 'retrying' | 'lost';

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Failures no retry can mend: bytes that do not decode, a type with no renditions, an image over the
 * service's limits. A timeout, a service that died, or storage that failed may do better next time.
 */
const isPermanent = (error: unknown) =>
  error instanceof NoRenditions ||
  (error instanceof ImagingError && error.reason !== 'timeout') ||
  (isAppError(error) && error.status === 422);

/**
 * Runs one due rendition job, if there is one; null when there is none. The job is claimed under a
 * lease (renewed while the work runs) in one short statement; the work holds no connection; the result
 * lands in one short transaction that only the lease's holder can commit. The derived keys are recorded
 * as intents before anything is written, so whatever a crash leaves behind is either taken up by the
 * job's next run (same keys) or removed by the sweep.
 */
export const runRenditionJob = async (deps: CoreDeps): Promise<{ job: RenditionJobRecord; outcome: TJobOutcome } | null> => {
  const { db, config, logger } = deps;
  const { leaseMs } = config.renditions;
  const leaseId = randomUUID();
  const job = await db.renditionJobs.claim(deps.now(), leaseMs, leaseId);
  if (!job) return null;
  const log = { jobId: job.id, target: job.target, attempt: job.attempts };

  const source = await findRenditionSource(db, job.target);
  if (!source) {
    // The item went while the job waited (its row's cascade normally takes the job with it).
    await db.renditionJobs.complete(job.id, leaseId);
    return { job, outcome: 'lost' };
  }
  const keys = [renditionKeyFor(source.key, 'thumbnail'), renditionKeyFor(source.key, 'preview')];
  for (const key of keys) await db.storageIntents.add(source.bucket, key);

  const heartbeat = setInterval(
    () => void db.renditionJobs.extend(job.id, leaseId, new Date(deps.now().getTime() + leaseMs)).catch(() => {}),
    Math.max(50, leaseMs / 3),
  );
  try {
    const update = await makeRenditionsFor(deps, source);
    let isLeaving = false;
    const isFinished = await db.transaction(async (tx) => {
      if (!(await tx.renditionJobs.complete(job.id, leaseId))) return false;
      await saveRenditions(tx, job.target, update);
      for (const key of keys) await tx.storageIntents.remove(source.bucket, key);
      // Hidden or taken down while we worked: what we just made public follows the copy into quarantine,
      // or goes (the takedown's deletes ran before it existed).
      if (job.target.kind === 'community' && (await tx.community.findById(job.target.id))?.moderationStatus !== 'visible') {
        for (const key of keys) await queueObjectDeletion(tx, { bucket: source.bucket, key }, deps.now());
        isLeaving = true;
      }
      return true;
    });
    if (isLeaving) for (const key of keys) await deleteObjectNow(deps, { bucket: source.bucket, key });
    if (!isFinished) {
      // The item was deleted while we worked: what we wrote is nobody's. Otherwise another worker took
      // the job after our lease ran out and writes the same keys; their intents stay for the sweep.
      if (!(await findRenditionSource(db, job.target))) for (const key of keys) await discardObject(deps, source.bucket, key);
      return { job, outcome: 'lost' };
    }
    if (update.renditionError) logger.warn({ ...log, reason: update.renditionError }, 'no renditions for this item');
    else logger.info(log, 'renditions made');
    return { job, outcome: 'made' };
  } catch (error) {
    return { job, outcome: await settleFailure(deps, job, leaseId, source, keys, error) };
  } finally {
    clearInterval(heartbeat);
  }
};

const settleFailure = async (
  deps: CoreDeps,
  job: RenditionJobRecord,
  leaseId: string,
  source: RenditionSource,
  keys: string[],
  error: unknown,
): Promise<TJobOutcome> => {
  const { db, config, logger } = deps;
  const reason = reasonOf(error);
  const log = { jobId: job.id, target: job.target, attempt: job.attempts, reason };
  if (!isPermanent(error) && job.attempts < config.renditions.maxAttempts) {
    const delay = config.renditions.retryBaseMs * 2 ** (job.attempts - 1);
    const isKept = await db.renditionJobs.retry(job.id, leaseId, new Date(deps.now().getTime() + delay), reason);
    logger.warn({ ...log, retryInMs: delay }, 'renditions failed; will retry');
    return isKept ? 'retrying' : 'lost';
  }
  const isOurs = await db.transaction(async (tx) => {
    if (!(await tx.renditionJobs.complete(job.id, leaseId))) return false;
    await saveRenditions(tx, job.target, {
      placeholder: null,
      thumbnailPath: null,
      previewPath: null,
      renditionError: reason,
    });
    return true;
  });
  if (!isOurs) return 'lost';
  // Whatever was written before the failure is nobody's.
  for (const key of keys) await discardObject(deps, source.bucket, key);
  logger.warn(log, 'no renditions for this item');
  return 'failed';
};

/** Runs due jobs until none is left (or `limit` ran): for tests, the backfill and the worker's loop. */
export const drainRenditionJobs = async (deps: CoreDeps, { limit = Infinity } = {}) => {
  const outcomes: TJobOutcome[] = [];
  while (outcomes.length < limit) {
    const ran = await runRenditionJob(deps);
    if (!ran) break;
    outcomes.push(ran.outcome);
  }
  return outcomes;
};
