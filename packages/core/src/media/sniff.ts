import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { MEDIA_MIME_TYPES, type TMediaMimeType } from '../schemas/common';

/** Enough for every signature file-type checks among the types we accept. */
export const SNIFF_BYTES = 4100;

/** JPEG dimensions sit after EXIF/ICC segments, which can be large; past this we give up. */
export const MAX_HEADER_BYTES = 1024 * 1024;

const EXTENSIONS: Record<TMediaMimeType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
};

export const extensionFor = (mimeType: TMediaMimeType): string => EXTENSIONS[mimeType];

const isAllowed = (mime: string): mime is TMediaMimeType => (MEDIA_MIME_TYPES as readonly string[]).includes(mime);

/** The media type the bytes say, or null for anything we do not accept. Names and headers are ignored. */
export const sniffMediaType = async (head: Uint8Array): Promise<TMediaMimeType | null> => {
  const found = await fileTypeFromBuffer(head);
  if (!found) return null;
  // file-type labels some ISO-BMFF brands (M4V, 3GP) differently; those are not ours.
  return isAllowed(found.mime) ? found.mime : null;
};

export const isImageType = (mime: string): boolean => mime.startsWith('image/');

/** Width and height from the header alone, or null when the header is not (yet) readable. */
export const measureImage = (head: Uint8Array): { width: number; height: number } | null => {
  try {
    const size = imageSize(head);
    if (!size.width || !size.height) return null;
    // EXIF orientations 5-8 turn the picture a quarter: show the dimensions a viewer will see.
    return size.orientation && size.orientation >= 5
      ? { width: size.height, height: size.width }
      : { width: size.width, height: size.height };
  } catch {
    return null;
  }
};
