import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { toMediaItem } from '../media/to-media-item';
import { BUCKETS, type TBucket } from '../ports/storage';

const PAGE = 500;

/** One original in the archive: where it is read from, and its name there. */
export interface ExportFile {
  name: string;
  bucket: TBucket;
  key: string;
  createdAt: Date;
}

/** Names stay readable and safe in any unzip tool: no folders, no control characters. */
const safeName = (name: string) => name.replace(/[\\/\p{Cc}]+/gu, '_').slice(0, 180) || 'file';

/**
 * What an account's export holds (GDPR Art. 20): every original of the vault, and a manifest of its
 * items with their share links, its community copies with their tags, and its activity. The rows are
 * read here; the bytes are streamed one original at a time by the transport, so memory does not grow
 * with the vault's size.
 */
export const planAccountExport = async ({ db, now }: Pick<CoreDeps, 'db' | 'now'>, { userId }: { userId: number }) => {
  const user = await db.users.findById(userId);
  if (!user) throw ERRORS.userNotFound();
  const files: ExportFile[] = [];
  const items = [];
  for (let cursor; ;) {
    const page = await db.media.listOwned(userId, { ...(cursor ? { cursor } : {}), limit: PAGE });
    for (const media of page) {
      const file = `originals/${media.id}-${safeName(media.fileName)}`;
      files.push({ name: file, bucket: BUCKETS.userMedia, key: media.filePath, createdAt: media.createdAt });
      const item = toMediaItem(media);
      items.push({
        id: item.id,
        file,
        fileName: item.fileName,
        mimeType: item.mimeType,
        size: item.size,
        width: item.width,
        height: item.height,
        durationMs: media.durationMs,
        source: item.source,
        createdAt: item.createdAt,
        shareLink: { isShared: item.isShared, shareCode: item.shareCode, shareUrl: item.shareUrl },
        shareToCommunity: item.shareToCommunity,
      });
    }
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    cursor = { createdAt: last.createdAt, id: last.id };
  }
  const community = [];
  for (let afterId = 0; ;) {
    const page = await db.community.findForOwner(userId, afterId, PAGE);
    for (const copy of page) {
      community.push({
        id: copy.id,
        mediaId: copy.mediaId,
        mimeType: copy.mimeType,
        size: copy.size,
        width: copy.width,
        height: copy.height,
        source: copy.source,
        watermarked: copy.watermarked,
        tags: await db.community.tagSlugs(copy.id),
        createdAt: copy.createdAt.toISOString(),
      });
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  const activity = [];
  for (let afterId = 0; ;) {
    const page = await db.activity.findForUser(userId, afterId, PAGE);
    for (const entry of page) {
      activity.push({
        action: entry.action,
        feature: entry.feature,
        details: entry.details,
        createdAt: entry.createdAt.toISOString(),
      });
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  const exportedAt = now();
  return {
    fileName: `mediashare-${safeName(user.username)}-${exportedAt.toISOString().slice(0, 10)}.zip`,
    files,
    manifest: {
      format: 'mediashare-export',
      version: 1,
      exportedAt: exportedAt.toISOString(),
      user: { id: user.id, username: user.username, email: user.email, createdAt: user.createdAt.toISOString() },
      items,
      community,
      activity,
    },
  };
};

export type AccountExport = Awaited<ReturnType<typeof planAccountExport>>;
