import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { MediaRecord } from '../ports/records';
import { mediaKindOf } from '../schemas/common';
import { ZShareCode, type TSharedMedia } from '../schemas/share';

export const findShared = async ({ db }: Pick<CoreDeps, 'db'>, shareCode: string): Promise<MediaRecord> => {
  const media = ZShareCode.safeParse(shareCode).success ? await db.media.findByShareCode(shareCode) : null;
  if (!media || !media.isShared) throw ERRORS.sharedMediaNotFound();
  return media;
};

/** What a share link shows to whoever opens it: public facts only, never the owner or the path. */
export const getSharedMedia = async (deps: Pick<CoreDeps, 'db'>, shareCode: string): Promise<TSharedMedia> => {
  const media = await findShared(deps, shareCode);
  // An item that is also in the Community shows the words its owner gave it there.
  const copy = media.shareToCommunity ? await deps.db.community.findByMediaId(media.id) : null;
  return {
    shareCode,
    mimeType: media.mimeType,
    kind: mediaKindOf(media.mimeType),
    size: media.size,
    width: media.width,
    height: media.height,
    fileUrl: `/api/shared/media/${shareCode}/file`,
    createdAt: media.createdAt.toISOString(),
    thumbnailUrl: media.thumbnailPath ? `/api/shared/media/${shareCode}/thumbnail` : null,
    previewUrl: media.placeholder ? `/api/shared/media/${shareCode}/preview` : null,
    placeholder: media.placeholder,
    durationMs: media.durationMs,
    title: copy?.title ?? null,
    caption: copy?.caption ?? null,
    altText: copy?.altText ?? null,
  };
};
