export { uploadMedia, type UploadMediaOptions } from './upload-media';
export { registerGeneratedMedia } from './register-generated-media';
export { findMedia } from './find-media';
export { getMediaItem, getOwnedMedia } from './get-media';
export { getMediaFile } from './get-media-file';
export { deleteMedia } from './delete-media';
export { toMediaItem } from './to-media-item';
export { encodeCursor, decodeCursor, pageOf } from './cursor';
export { sniffMediaType, measureImage, extensionFor, isImageType } from './sniff';
export { cleanFileName } from './clean-file-name';
export { servedFileName } from './served-file-name';
export { vaultKeyFor, ownedVaultKey, sourceFromKey } from './vault-key';
export {
  requireMediaType,
  requireImageSize,
  requireImageBytes,
  maxImageBytes,
  inspectImageStream,
  IMAGE_BYTES_PER_PIXEL,
  IMAGE_METADATA_ALLOWANCE,
  type ImageSize,
} from './inspect-media';
export { createFrameCounter, type FrameCounter } from './count-frames';
