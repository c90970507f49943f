import { buffer } from 'node:stream/consumers';
import { createWatermarker, type Watermarker } from '@mediashare/imaging';
import { MIME, photo, reencode, type ImageFormat } from '../fixtures';
import { cpuSecondsOf, median } from '../measure';
import { row, type Row } from '../report';
import type { Settings } from '../settings';

const OPTIONS = { position: 'southeast', scale: 0.2, opacity: 0.6, margin: 0.03, maxPixels: 50_000_000 } as const;

const markOnce = (wm: Watermarker, input: Buffer, format: ImageFormat) =>
  wm.watermark(input, MIME[format]).then((r) => buffer(r.stream));

/**
 * CPU seconds per run of `a` and of `b`, measured alternately and summarised by their medians, so that
 * the machine's drift (other load, clock changes) falls on both sides of a ratio alike. CPU is this
 * process's, its threads' and its children's (the image service).
 */
export const cpuPerRunPaired = async (runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>) => {
  await a();
  await b();
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, times] of [
      [a, timesA],
      [b, timesB],
    ] as const) {
      const before = cpuSecondsOf(process.pid);
      await fn();
      times.push(cpuSecondsOf(process.pid) - before);
    }
  }
  return { a: median(timesA), b: median(timesB) };
};

/**
 * 1. CPU per watermarked community copy / sharp's plain decode + re-encode of the same file. (Row 2,
 *    ImageMagick against mediashare, is retired: both are bound by the same JPEG codec, so it measured
 *    nothing about mediashare.)
 */
export const watermarkSuite = async (settings: Settings): Promise<Row[]> => {
  const { width, height } = settings.photo;
  const megapixels = `${Math.round((width * height) / 1e6)} MP`;
  const wm = await createWatermarker({ ...OPTIONS, concurrency: 1 });
  const rows: Row[] = [];
  try {
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      const input = await photo(format, width, height);
      // JPEG carries the target, so it gets the most runs; PNG and WebP encodes take seconds each.
      const runs = format === 'jpeg' ? settings.runs * 2 : Math.max(2, Math.ceil(settings.runs / 2));
      const { a: ours, b: plain } = await cpuPerRunPaired(
        runs,
        () => markOnce(wm, input, format),
        () => reencode(input, format),
      );
      rows.push(
        row({
          id: '1',
          name: `Watermark CPU, ${megapixels} ${format.toUpperCase()}`,
          ratioOf: 'CPU per community copy / sharp decode + re-encode',
          value: ours / plain,
          target: format === 'jpeg' ? { op: '<=', bound: 1.2 } : null,
          figures: { watermarkCpuMs: ours * 1000, reencodeCpuMs: plain * 1000, runs },
        }),
      );
    }

    return rows;
  } finally {
    await wm.close();
  }
};
