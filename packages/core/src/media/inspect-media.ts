import { ERRORS } from '../errors';
import type { TMediaMimeType } from '../schemas/common';
import { sniffMediaType } from './sniff';

/** The accepted type the first bytes of a file say, or the 415 every entry point answers. */
export const requireMediaType = async (head: Uint8Array): Promise<TMediaMimeType> => {
  const mimeType = await sniffMediaType(head);
  if (!mimeType) {
    throw ERRORS.unsupportedMediaType();
  }
  return mimeType;
};

/** An image's header size within the pixel limit, or the 422: a decompression bomb never gets decoded. */
export const requireImageSize = (size: { width: number; height: number } | null, maxPixels: number) => {
  if (!size) throw ERRORS.unreadableImage();
  if (size.width * size.height > maxPixels) {
    throw ERRORS.imageTooLarge({ width: size.width, height: size.height, limit: maxPixels });
  }
  return size;
};
