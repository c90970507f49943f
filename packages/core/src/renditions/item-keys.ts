import type { CoreDeps } from '../deps';
import { discardObject } from '../lib/discard-object';
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
