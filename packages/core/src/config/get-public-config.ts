import type { CoreDeps } from '../deps';
import type { TPublicConfig } from '../schemas/config';

export const getPublicConfig = ({ config }: Pick<CoreDeps, 'config'>): TPublicConfig => ({
  maxUploadBytes: config.maxUploadBytes,
  maxImagePixels: config.maxImagePixels,
  maxTagsPerMedia: config.maxTagsPerMedia,
  registration: config.registration,
});
