import sharp from 'sharp';

/** A small deterministic PRNG (mulberry32), so every run draws the same corpus. */
export const random = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/**
 * A synthetic picture from a seed: a gradient in a random direction, smooth blobs of low-frequency
 * noise, filled shapes, text-like rows of strokes and fine grain, each in random measure, so pictures
 * differ the way photos and screenshots do rather than only in their colours.
 */
export const drawPicture = (seed: number, width = 320, height = 240) => {
  const rnd = random(seed);
  const data = Buffer.alloc(width * height * 3);
  const c0 = [rnd() * 255, rnd() * 255, rnd() * 255];
  const c1 = [rnd() * 255, rnd() * 255, rnd() * 255];
  const angle = rnd() * Math.PI * 2;
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  // Low-frequency noise: a coarse random grid, bilinearly interpolated.
  const grid = 3 + Math.floor(rnd() * 6);
  const cells = Array.from({ length: (grid + 1) * (grid + 1) }, () => (rnd() - 0.5) * 160 * rnd());
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const t = Math.min(1, Math.max(0, 0.5 + ((x / width - 0.5) * dx + (y / height - 0.5) * dy)));
      const gx = (x / width) * grid;
      const gy = (y / height) * grid;
      const ix = Math.floor(gx);
      const iy = Math.floor(gy);
      const fx = gx - ix;
      const fy = gy - iy;
      const at = (i: number, j: number) => cells[j * (grid + 1) + i] ?? 0;
      const blob =
        at(ix, iy) * (1 - fx) * (1 - fy) +
        at(ix + 1, iy) * fx * (1 - fy) +
        at(ix, iy + 1) * (1 - fx) * fy +
        at(ix + 1, iy + 1) * fx * fy;
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) data[i + c] = clamp((c0[c] ?? 0) * (1 - t) + (c1[c] ?? 0) * t + blob);
    }
  const shapes = Math.floor(rnd() * 7);
  for (let s = 0; s < shapes; s++) {
    const colour = [rnd() * 255, rnd() * 255, rnd() * 255];
    const cx = rnd() * width;
    const cy = rnd() * height;
    const rx = (0.05 + rnd() * 0.3) * width;
    const ry = (0.05 + rnd() * 0.3) * height;
    const isEllipse = rnd() < 0.5;
    for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(height, cy + ry); y++)
      for (let x = Math.max(0, Math.floor(cx - rx)); x < Math.min(width, cx + rx); x++) {
        if (isEllipse && ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 > 1) continue;
        data.set(colour, (y * width + x) * 3);
      }
  }
  if (rnd() < 0.4) {
    // Text-like: rows of dark strokes of word lengths on a light band.
    const top = Math.floor(rnd() * height * 0.5);
    const rows = 2 + Math.floor(rnd() * 6);
    const lineHeight = 8 + Math.floor(rnd() * 10);
    for (let r = 0; r < rows; r++) {
      let x = 8 + Math.floor(rnd() * 20);
      const y0 = Math.floor(top + r * lineHeight * 1.6);
      while (x < width - 20) {
        const word = 10 + Math.floor(rnd() * 50);
        for (let y = y0; y < Math.min(height, y0 + lineHeight); y++)
          for (let xx = x; xx < Math.min(width, x + word); xx++) if ((xx + y) % 3) data.set([20, 20, 30], (y * width + xx) * 3);
        x += word + 6 + Math.floor(rnd() * 10);
      }
    }
  }
  const grain = rnd() * 30;
  for (let i = 0; i < data.length; i++) data[i] = clamp((data[i] ?? 0) + (rnd() - 0.5) * grain);
  return sharp(data, { raw: { width, height, channels: 3 } });
};
