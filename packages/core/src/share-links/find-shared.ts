import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { MediaRecord } from '../ports/records';
import { ZShareCode } from '../schemas/share';

export const findShared = async ({ db }: Pick<CoreDeps, 'db'>, shareCode: string): Promise<MediaRecord> => {
  const media = ZShareCode.safeParse(shareCode).success ? await db.media.findByShareCode(shareCode) : null;
  if (!media || !media.isShared) throw ERRORS.sharedMediaNotFound();
  if (media.linkHiddenAt) {
    // Reported (pending review): as if it did not exist. Taken down: it says so.
    const copy = await db.community.findByMediaId(media.id);
    throw copy?.moderationStatus === 'removed' ? ERRORS.communityItemRemoved() : ERRORS.sharedMediaNotFound();
  }
  return media;
};
