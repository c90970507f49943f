import type { Repos } from '../ports/database';
import type { RenditionTarget, RenditionUpdate } from '../ports/records';
import { BUCKETS, type TBucket } from '../ports/storage';

/** The object a job makes renditions of: a vault original, or a community copy (already marked). */
export interface RenditionSource {
  target: RenditionTarget;
  bucket: TBucket;
  key: string;
  mimeType: string;
}

export const findRenditionSource = async (
  db: Pick<Repos, 'media' | 'community'>,
  target: RenditionTarget,
): Promise<RenditionSource | null> => {
  const row = target.kind === 'media' ? await db.media.findById(target.id) : await db.community.findById(target.id);
  // A taken-down copy is a tombstone: nothing more is made of it (and what a running job made is discarded).
  // Nor of a hidden one, whose objects wait in quarantine: showing it again queues its job anew.
  if (!row || ('moderationStatus' in row && row.moderationStatus !== 'visible')) return null;
  return {
    target,
    bucket: target.kind === 'media' ? BUCKETS.userMedia : BUCKETS.general,
    key: row.filePath,
    mimeType: row.mimeType,
  };
};

export const saveRenditions = (tx: Pick<Repos, 'media' | 'community'>, target: RenditionTarget, update: RenditionUpdate) =>
  target.kind === 'media' ? tx.media.setRenditions(target.id, update) : tx.community.setRenditions(target.id, update);
