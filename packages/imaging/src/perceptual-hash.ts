import sharp from 'sharp';

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/**
 * dHash: the picture shrunk to 9x8 grey pixels, one bit per pair of horizontal neighbours (is the right
 * one brighter?). Brightness and contrast changes, re-encoding, resizing and a small mark keep most
 * gradients' signs, so copies land a few bits apart; unrelated pictures differ in about half of them.
 */
export const dHashOfGrey = (grey: Uint8Array): string => {
  if (grey.length !== 72) throw new TypeError('dHash needs 9x8 grey pixels');
  let hash = 0n;
  for (let y = 0; y < 8; y++)
    for (let x = 0; x < 8; x++) hash = (hash << 1n) | ((grey[y * 9 + x + 1] ?? 0) > (grey[y * 9 + x] ?? 0) ? 1n : 0n);
  return hash.toString(16).padStart(16, '0');
};

/** The dHash of decoded pixels (transparency flattened onto white, as a page shows it). */
export const perceptualHashOf = async ({ data, width, height, channels }: RawImage): Promise<string> => {
  const grey = await sharp(data, { raw: { width, height, channels } })
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(9, 8, { fit: 'fill' })
    .raw()
    .toBuffer();
  return dHashOfGrey(grey);
};
