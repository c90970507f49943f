import type { CoreDeps } from '../deps';
import type { CommunityFeedRow } from '../ports/records';
import { BUCKETS } from '../ports/storage';
import { mediaKindOf } from '../schemas/common';
import type { TCommunityItem } from '../schemas/community';

export const toCommunityItem = ({ storage }: Pick<CoreDeps, 'storage'>, row: CommunityFeedRow): TCommunityItem => ({
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
  createdAt: row.createdAt.toISOString(),
});
