import type { Repos } from '../ports/database';
import type { CommunityMediaRecord } from '../ports/records';
import { BUCKETS, StorageNotFoundError, type StoragePort, type TBucket } from '../ports/storage';
import { baseKeyOf } from '../renditions/rendition-keys';

export interface ObjectPlace {
  bucket: TBucket;
  key: string;
}

/**
 * Where a hidden copy's public objects wait for review: the private bucket, under a folder no account's
 * folder can be (those are numeric user ids), so its public URL answers not-found on every driver.
 */
const QUARANTINE = 'quarantine/';

export const quarantineKeyFor = (publicKey: string) => `${QUARANTINE}${publicKey}`;

/** The public key a place stands for: a `general` key itself, or the one a quarantined object came from. */
const publicKeyOf = ({ bucket, key }: ObjectPlace): string | null => {
  if (bucket === BUCKETS.general) return key;
  if (bucket === BUCKETS.userMedia && key.startsWith(QUARANTINE)) return key.slice(QUARANTINE.length);
  return null;
};

/** The community copy whose public object (or a rendition of it), in either place, this is. */
export const findOwningCopy = async (db: Pick<Repos, 'community'>, place: ObjectPlace) => {
  const publicKey = publicKeyOf(place);
  return publicKey === null ? null : db.community.findByFilePath(baseKeyOf(publicKey) ?? publicKey);
};

/**
 * Where the bytes at `place` belong now, from the copy's moderation status: `here` (leave them), another
 * place (move them there), or `null` (nowhere: delete). Visible copies live in `general`, hidden ones in
 * quarantine; removed copies and objects no copy owns live nowhere.
 */
export const homeOf = (copy: CommunityMediaRecord | null, place: ObjectPlace): 'here' | ObjectPlace | null => {
  const publicKey = publicKeyOf(place);
  if (!copy || publicKey === null || copy.moderationStatus === 'removed') return null;
  const home: ObjectPlace =
    copy.moderationStatus === 'hidden'
      ? { bucket: BUCKETS.userMedia, key: quarantineKeyFor(publicKey) }
      : { bucket: BUCKETS.general, key: publicKey };
  return home.bucket === place.bucket && home.key === place.key ? 'here' : home;
};

/**
 * Copy, then delete the source: a crash in between leaves both, and running it again finishes the job.
 * A missing source was moved already (or never made, as a rendition may not be).
 */
export const moveObject = async (storage: StoragePort, from: ObjectPlace, to: ObjectPlace) => {
  try {
    await storage.copy(from, to);
  } catch (error) {
    if (!(error instanceof StorageNotFoundError)) throw error;
  }
  await storage.delete(from.bucket, from.key);
};
