import { readFileSync } from 'node:fs';
import sharp from 'sharp';

const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>secret author</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';

/** Camera EXIF with a GPS position, as a phone writes it. */
export const CAMERA_EXIF = {
  IFD0: { Make: 'Camera Co', Model: 'Phone 9', Copyright: 'someone' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
};

/** Photos the web app's browser tests use: real camera pictures, not synthetic ones. */
export const fixturePhoto = (name: 'dusk.jpg' | 'lagoon.png') =>
  readFileSync(new URL(`../../../apps/web/e2e/fixtures/${name}`, import.meta.url));

/**
 * A picture with structure at every scale (gradient, blocks, noise), so resizing and encoding do real
 * work; a red block marks the stored top-left corner so orientation can be checked.
 */
export const structured = async (width: number, height: number) => {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const block = ((x >> 5) + (y >> 5)) % 2 ? 40 : 0;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height - block + ((x * 7919 + y * 104729) % 23);
      raw[i + 2] = 128 + block;
    }
  const corner = Math.max(8, Math.round(width / 10));
  for (let y = 0; y < corner; y++) for (let x = 0; x < corner; x++) raw.set([255, 0, 0], (y * width + x) * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } });
};

/** `structured` in a format, with camera EXIF, GPS, XMP and optionally an orientation. */
export const tagged = async (
  format: 'jpeg' | 'png' | 'webp',
  width: number,
  height: number,
  options: { orientation?: number; alpha?: boolean } = {},
) => {
  let image = await structured(width, height);
  if (options.alpha) image = sharp(await image.ensureAlpha(0.6).png().toBuffer());
  // sharp sets Orientation itself: through withMetadata, with the camera tags merged in.
  const withTags = options.orientation
    ? image.withMetadata({ orientation: options.orientation }).withExifMerge(CAMERA_EXIF)
    : image.withExif(CAMERA_EXIF);
  return withTags
    .withXmp(XMP)
    .toFormat(format, format === 'jpeg' ? { quality: 90 } : {})
    .toBuffer();
};

/** The RGB (and alpha) value at a pixel of an encoded image. */
export const pixelAt = async (image: Buffer, x: number, y: number) => {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [...data.subarray(i, i + info.channels)];
};
