import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createImaging, type Imaging } from '@mediashare/imaging';
import sharp from 'sharp';
import { photo, reencode } from '../fixtures';
import { cpuSecondsOf, MB, median, rssOf, sampleRss } from '../measure';
import { row, type Row } from '../report';
import type { Settings } from '../settings';
import { cpuPerRunPaired } from './watermark';

const OPTIONS = { position: 'southeast', scale: 0.2, opacity: 0.6, margin: 0.03, maxPixels: 50_000_000 } as const;

const drain = (imaging: Imaging, input: Buffer) =>
  imaging
    .makeRenditions(input, 'image/jpeg')
    .then((set) => Promise.all([buffer(set.thumbnail.stream), set.preview && buffer(set.preview.stream)]));

/** CPU seconds (this process and its children) and bytes of one encode, median of `runs`. */
const encodeCost = async (runs: number, encode: () => Promise<Buffer>) => {
  await encode();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const before = cpuSecondsOf(process.pid);
    bytes = (await encode()).length;
    times.push(cpuSecondsOf(process.pid) - before);
  }
  return { cpuMs: median(times) * 1000, bytes };
};

/** The image service's pid: the last child this process forked. */
const serviceOf = () =>
  Number(readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(' ').at(-1));

/**
 * 13. CPU for thumbnail + preview of a 12 MP JPEG (through the image service, spooling included) /
 *     sharp's plain decode + re-encode of the same file.
 * 14. AVIF against WebP for the 2048 px preview: CPU and bytes (reported; the choice is WebP).
 * 15. The stripped link copy: lossless strip / decode + re-encode, CPU (reported).
 * 16. The image service's peak memory growth while a 640x480 JPEG followed by 1 GB of padding is sent.
 */
export const renditionsSuite = async (settings: Settings): Promise<Row[]> => {
  const { width, height } = settings.photo;
  const megapixels = `${Math.round((width * height) / 1e6)} MP`;
  const imaging = await createImaging({ ...OPTIONS, concurrency: 1 });
  try {
    const rows: Row[] = [];
    const input = await photo('jpeg', width, height);
    const runs = settings.runs * 2;
    const { a: renditions, b: plain } = await cpuPerRunPaired(
      runs,
      () => drain(imaging, input),
      () => reencode(input, 'jpeg'),
    );
    rows.push(
      row({
        id: '13',
        name: `Renditions CPU, ${megapixels} JPEG`,
        ratioOf: 'thumbnail + preview CPU / sharp decode + re-encode',
        value: renditions / plain,
        target: { op: '<=', bound: 0.6 },
        figures: { renditionsCpuMs: renditions * 1000, reencodeCpuMs: plain * 1000, runs },
      }),
    );

    const { data, info } = await sharp(input).resize(2048, 2048, { fit: 'inside' }).raw().toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
    const webp = await encodeCost(settings.runs, () => sharp(data, raw).webp({ quality: 75, effort: 0 }).toBuffer());
    const avif = await encodeCost(settings.runs, () => sharp(data, raw).avif({ quality: 50, effort: 0 }).toBuffer());
    const avifDefault = await encodeCost(1, () => sharp(data, raw).avif({ quality: 50 }).toBuffer());
    rows.push(
      row({
        id: '14',
        name: 'Preview format, 2048 px',
        ratioOf: 'AVIF (fastest) encode CPU / WebP (effort 0) encode CPU',
        value: avif.cpuMs / webp.cpuMs,
        target: null,
        figures: {
          webpCpuMs: webp.cpuMs,
          webpKB: webp.bytes / 1024,
          avifCpuMs: avif.cpuMs,
          avifKB: avif.bytes / 1024,
          avifDefaultEffortCpuMs: avifDefault.cpuMs,
        },
      }),
    );

    const tagged = await sharp(input)
      .withExif({ IFD0: { Make: 'Camera Co' }, IFD3: { GPSLatitudeRef: 'N' } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const { a: strip, b: reencoded } = await cpuPerRunPaired(
      runs,
      () => imaging.stripMetadata(tagged, 'image/jpeg').then((out) => buffer(out.stream)),
      () => sharp(tagged).rotate().jpeg({ quality: 92 }).toBuffer(),
    );
    rows.push(
      row({
        id: '15',
        name: `Stripped link copy, ${megapixels} JPEG`,
        ratioOf: 'lossless metadata strip CPU / re-encode at quality 92',
        value: strip / reencoded,
        target: null,
        figures: { stripCpuMs: strip * 1000, reencodeCpuMs: reencoded * 1000 },
      }),
    );

    const small = await sharp(input).resize(640, 480).jpeg().toBuffer();
    const padding = settings.largeFileBytes;
    const service = serviceOf();
    const before = rssOf(service);
    const sampling = sampleRss(service, 5);
    const started = performance.now();
    const refused = await imaging
      .makeRenditions(
        Readable.from(
          (function* () {
            yield small;
            for (let left = padding; left > 0; left -= MB) yield Buffer.alloc(Math.min(MB, left));
          })(),
        ),
        'image/jpeg',
      )
      .then(
        () => 'accepted',
        (error: Error) => error.message,
      );
    const peak = sampling.stop();
    rows.push(
      row({
        id: '16',
        name: `Image service memory, 640x480 JPEG + ${Math.round(padding / MB)} MB padding`,
        ratioOf: 'peak RSS growth of the image service (MB)',
        value: (peak - before) / MB,
        target: { op: '<=', bound: 64 },
        figures: {
          baselineMB: before / MB,
          peakMB: peak / MB,
          refusedAfterMs: performance.now() - started,
          outcome: refused.slice(0, 40),
        },
      }),
    );
    return rows;
  } finally {
    await imaging.close();
  }
};
