export { renditionKeyFor, strippedKeyFor, baseKeyOf, isDerivedKey } from './rendition-keys';
export { itemKeys, queueItemDeletion, deleteItemNow } from './item-keys';
export { runRenditionJob, drainRenditionJobs, type TJobOutcome } from './run-rendition-job';
export { startRenditionWorker, type RenditionWorker } from './start-rendition-worker';
export { backfillRenditions, type BackfillProgress } from './backfill-renditions';
export { getMediaRendition, getSharedRendition } from './get-rendition';
