import type { CoreDeps } from '../deps';
import type { CommunityFeedRow } from '../ports/records';
import { BUCKETS } from '../ports/storage';
import { mediaKindOf } from '../schemas/common';
import type { TCommunityItem } from '../schemas/community';

/** Renditions of a community copy are public objects beside it; an animation may be its own preview. */
const publicRenditionUrls = ({ storage }: Pick<CoreDeps, 'storage'>, row: CommunityFeedRow) => ({
  thumbnailUrl: row.thumbnailPath ? storage.publicUrl(BUCKETS.general, row.thumbnailPath) : null,
  previewUrl: row.placeholder ? storage.publicUrl(BUCKETS.general, row.previewPath ?? row.filePath) : null,
});

export const toCommunityItem = ({ storage }: Pick<CoreDeps, 'storage'>, row: CommunityFeedRow): TCommunityItem => ({
  ...publicRenditionUrls({ storage }, row),
  placeholder: row.placeholder,
  durationMs: row.durationMs,
  id: row.id,
  url: storage.publicUrl(BUCKETS.general, row.filePath),
  mimeType: row.mimeType,
  kind: mediaKindOf(row.mimeType),
  width: row.width,
  height: row.height,
  tags: row.tags,
  origin: row.source === 'upload' ? 'uploaded' : 'generated',
  source: row.source,
  owner: { username: row.username },
  title: row.title,
  caption: row.caption,
  altText: row.altText,
  createdAt: row.createdAt.toISOString(),
  mature: row.mature,
});
