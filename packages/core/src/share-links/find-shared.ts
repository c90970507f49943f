import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { MediaRecord } from '../ports/records';
import { ZShareCode } from '../schemas/share';

export const findShared = async ({ db }: Pick<CoreDeps, 'db'>, shareCode: string): Promise<MediaRecord> => {
  const media = ZShareCode.safeParse(shareCode).success ? await db.media.findByShareCode(shareCode) : null;
  if (!media || !media.isShared) throw ERRORS.sharedMediaNotFound();
  return media;
};
