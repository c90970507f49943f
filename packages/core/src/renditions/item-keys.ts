import type { CoreDeps } from '../deps';
import { discardObject } from '../lib/discard-object';
import { deleteObjectNow, queueObjectDeletion } from '../maintenance/pending-deletes';
import type { Repos } from '../ports/database';
import type { TBucket } from '../ports/storage';
import { renditionKeyFor, strippedKeyFor } from './rendition-keys';

/** Every key an item may own: its object and whatever was derived from it (made or still being made). */
export const itemKeys = (key: string) => [
  key,
  renditionKeyFor(key, 'thumbnail'),
  renditionKeyFor(key, 'preview'),
  strippedKeyFor(key),
];

/** Inside the transaction that removes an item's row: intents for everything it may own. */
export const markItemObjects = async (tx: Pick<Repos, 'storageIntents'>, bucket: TBucket, key: string) => {
  for (const k of itemKeys(key)) await tx.storageIntents.add(bucket, k);
};

/** After that commit: the objects themselves (the sweep finishes whatever fails here). */
export const discardItemObjects = async (deps: Pick<CoreDeps, 'db' | 'storage' | 'logger'>, bucket: TBucket, key: string) => {
  for (const k of itemKeys(key)) await discardObject(deps, bucket, k);
};

/**
 * Inside the transaction that unpublishes a public copy: a pending delete for everything the copy may own,
 * so its file and its renditions stop being public within seconds even through a storage outage.
 */
export const queueItemDeletion = async (tx: Pick<Repos, 'pendingDeletes'>, bucket: TBucket, key: string, now: Date) => {
  for (const k of itemKeys(key)) await queueObjectDeletion(tx, { bucket, key: k }, now);
};

/** After that commit: each object at once; what storage does not confirm, the delete worker retries. */
export const deleteItemNow = async (
  deps: Pick<CoreDeps, 'db' | 'storage' | 'logger' | 'now' | 'config'>,
  bucket: TBucket,
  key: string,
) => {
  for (const k of itemKeys(key)) await deleteObjectNow(deps, { bucket, key: k });
};
