import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { createWatermarker, prepareMark, type Watermarker } from '@mediashare/imaging';
import sharp from 'sharp';
import { MIME, photo, reencode, type ImageFormat } from '../fixtures';
import { cpuSecondsOf, median, timeRuns } from '../measure';
import { row, skipped, type Row } from '../report';
import type { Settings } from '../settings';

const OPTIONS = { position: 'southeast', scale: 0.2, opacity: 0.6, margin: 0.03, maxPixels: 50_000_000 } as const;
const IMAGEMAGICK = ['/usr/bin/convert', '/usr/bin/magick'].find((bin) => existsSync(bin));

const markOnce = (wm: Watermarker, input: Buffer, format: ImageFormat) =>
  wm.watermark(input, MIME[format]).then((r) => buffer(r.stream));

/**
 * CPU seconds per run of `a` and of `b`, measured alternately and summarised by their medians, so that
 * the machine's drift (other load, clock changes) falls on both sides of a ratio alike. CPU is this
 * process's, its threads' and its children's (the image service).
 */
const cpuPerRunPaired = async (runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>) => {
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
 * 1. CPU per watermarked community copy / sharp's plain decode + re-encode of the same file.
 * 2. ImageMagick compositing the same mark on the same file / mediashare's watermark, wall time.
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

    if (!IMAGEMAGICK) {
      rows.push(
        skipped(
          '2',
          'ImageMagick vs mediashare',
          'ImageMagick wall / mediashare wall',
          { op: '>=', bound: 4 },
          'install Debian imagemagick',
        ),
      );
      return rows;
    }
    const dir = await mkdtemp(path.join(tmpdir(), 'mediashare-im-'));
    try {
      const input = await photo('jpeg', width, height);
      const inputFile = path.join(dir, 'in.jpg');
      await writeFile(inputFile, input);
      // The same mark, at the size ours is blended at, so both do the same job.
      const mark = await prepareMark({ opacity: OPTIONS.opacity });
      const markWidth = Math.round(width * OPTIONS.scale);
      const markFile = path.join(dir, 'mark.png');
      await sharp(mark.rgba, { raw: { width: mark.width, height: mark.height, channels: 4 } })
        .resize({ width: markWidth })
        .png()
        .toFile(markFile);
      const margin = Math.round(Math.min(width, height) * OPTIONS.margin);
      const args = [
        inputFile,
        '-auto-orient',
        markFile,
        '-gravity',
        'southeast',
        '-geometry',
        `+${margin}+${margin}`,
        '-composite',
        '-strip',
        '-quality',
        '85',
        path.join(dir, 'out.jpg'),
      ];
      const imagemagick = median(await timeRuns(settings.runs, () => promisify(execFile)(IMAGEMAGICK, args)));
      const mine = median(await timeRuns(settings.runs, () => markOnce(wm, input, 'jpeg')));
      rows.push(
        row({
          id: '2',
          name: `ImageMagick vs mediashare, ${megapixels} JPEG`,
          ratioOf: 'ImageMagick wall / mediashare wall',
          value: imagemagick / mine,
          target: { op: '>=', bound: 4 },
          figures: { imagemagickMs: imagemagick, mediashareMs: mine, tool: path.basename(IMAGEMAGICK) },
        }),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return rows;
  } finally {
    await wm.close();
  }
};
