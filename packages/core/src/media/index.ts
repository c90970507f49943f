export { uploadMedia, type UploadMediaOptions } from './upload-media';
export { findMedia } from './find-media';
export { getOwnedMedia } from './get-media';
export { getMediaFile } from './get-media-file';
export { deleteMedia } from './delete-media';
export { toMediaItem, shareUrlFor } from './to-media-item';
export { encodeCursor, decodeCursor, pageOf } from './cursor';
export { sniffMediaType, measureImage, extensionFor, isImageType } from './sniff';
export { cleanFileName, vaultKeyFor } from './object-key';
