export interface Canvas {
  data: Buffer;
  width: number;
  /** Height of one frame; animated images stack their frames vertically. */
  height: number;
  channels: 3 | 4;
  frames: number;
}

/**
 * Source-over blend of a straight-alpha RGBA mark onto every frame at (left, top). Only the pixels under
 * the mark are touched, which is why this is cheaper than compositing the whole image in libvips.
 */
export const blendMark = (canvas: Canvas, mark: { rgba: Buffer; width: number; height: number }, left: number, top: number) => {
  const { data, width, height, channels, frames } = canvas;
  const rows = Math.min(mark.height, height - top);
  const cols = Math.min(mark.width, width - left);
  for (let frame = 0; frame < frames; frame++) {
    const frameTop = frame * height;
    for (let y = 0; y < rows; y++) {
      let src = y * mark.width * 4;
      let dst = ((frameTop + top + y) * width + left) * channels;
      for (let x = 0; x < cols; x++, src += 4, dst += channels) {
        const a = mark.rgba[src + 3] ?? 0;
        if (a === 0) continue;
        if (channels === 3) {
          const keep = 255 - a;
          data[dst] = ((mark.rgba[src] ?? 0) * a + (data[dst] ?? 0) * keep + 127) / 255;
          data[dst + 1] = ((mark.rgba[src + 1] ?? 0) * a + (data[dst + 1] ?? 0) * keep + 127) / 255;
          data[dst + 2] = ((mark.rgba[src + 2] ?? 0) * a + (data[dst + 2] ?? 0) * keep + 127) / 255;
        } else {
          // With a transparent base, colour must be weighted by each layer's alpha.
          const baseA = data[dst + 3] ?? 0;
          const outA = a + (baseA * (255 - a)) / 255;
          if (outA <= 0) continue;
          const baseWeight = (baseA * (255 - a)) / 255;
          for (let c = 0; c < 3; c++) {
            data[dst + c] = ((mark.rgba[src + c] ?? 0) * a + (data[dst + c] ?? 0) * baseWeight) / outA;
          }
          data[dst + 3] = outA;
        }
      }
    }
  }
};
