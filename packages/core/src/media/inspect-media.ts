import { AppError } from '../errors';
import type { TMediaMimeType } from '../schemas/common';
import { sniffMediaType } from './sniff';

/** The accepted type the first bytes of a file say, or the 415 every entry point answers. */
export const requireMediaType = async (head: Uint8Array): Promise<TMediaMimeType> => {
  const mimeType = await sniffMediaType(head);
  if (!mimeType) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Unsupported file type: only JPEG, PNG, WebP, GIF, MP4, WebM and QuickTime are accepted',
    );
  }
  return mimeType;
};

/** An image's header size within the pixel limit, or the 422: a decompression bomb never gets decoded. */
export const requireImageSize = (size: { width: number; height: number } | null, maxPixels: number) => {
  if (!size) throw new AppError('UNPROCESSABLE_CONTENT', 'Could not read the image dimensions');
  if (size.width * size.height > maxPixels) {
    throw new AppError('UNPROCESSABLE_CONTENT', `Image is ${size.width}x${size.height}; the limit is ${maxPixels} pixels`);
  }
  return size;
};
