import type { Readable } from 'node:stream';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TGeneratedSource } from '../schemas/common';
import { uploadMedia } from './upload-media';

/** Media an internal app made for a user: stored like an upload, under `<userId>/generated/<source>/`. */
export const registerGeneratedMedia = async (
  deps: CoreDeps,
  { userId, source, fileName, body }: { userId: number; source: TGeneratedSource; fileName: string | undefined; body: Readable },
) => {
  if (!(await deps.db.users.findById(userId))) {
    body.destroy();
    throw ERRORS.userNotFound();
  }
  return uploadMedia(deps, { userId, fileName, body, source });
};
