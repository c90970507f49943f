import type { TCommunityItem } from '@mediashare/core/schemas';
import type { ViewerItem } from '../viewer/viewer';

/** What the viewer shows of a community item: its public copy and renditions. */
export const communityViewerItem = (item: TCommunityItem): ViewerItem => ({
  id: item.id,
  kind: item.kind,
  title: `Shared by @${item.owner.username}`,
  fileUrl: item.url,
  previewUrl: item.previewUrl,
  placeholder: item.placeholder,
  width: item.width,
  height: item.height,
});
