export { sweepStorage, type SweepResult } from './sweep-storage';
export { checkHealth } from './check-health';
export { checkReadiness, READINESS_TIMEOUT_MS, type Readiness } from './check-readiness';
export {
  deleteObjectNow,
  deleteRetryDelayMs,
  DELETE_RETRY_MAX_MS,
  queueObjectDeletion,
  runPendingDeletes,
  startDeleteWorker,
  type PendingDeletesResult,
} from './pending-deletes';
export { sweepExpired, type ExpiredSweepResult } from './sweep-expired';
export { runSweep, type FullSweepResult } from './run-sweep';
