import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { RENDITION_LONG_EDGE } from '@mediashare/core';
import { createImaging, makeRenditions, perceptualHashOf, type Imaging } from '@mediashare/imaging';
import sharp, { type OutputInfo } from 'sharp';
import { photo, reencode } from '../fixtures';
import { cpuSecondsOf, cpuSecondsWithChildren, MB, median, rssOf, sampleRss } from '../measure';
import { row, type Row } from '../report';
import type { Settings } from '../settings';
import { cpuPerRunPaired } from './watermark';

/** CPU seconds (this process and its children) per run of each function, interleaved, medians. */
const cpuPerRunInterleaved = async <K extends string>(runs: number, fns: Record<K, () => Promise<unknown>>) => {
  const entries = Object.entries(fns) as [K, () => Promise<unknown>][];
  for (const [, fn] of entries) await fn();
  const times = Object.fromEntries(entries.map(([name]) => [name, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < runs; i++)
    for (const [name, fn] of entries) {
      const before = cpuSecondsWithChildren();
      await fn();
      times[name].push(cpuSecondsWithChildren() - before);
    }
  return Object.fromEntries(entries.map(([name]) => [name, median(times[name]) * 1000])) as Record<K, number>;
};

const fit = (edge: number) => ({ width: edge, height: edge, fit: 'inside' as const, withoutEnlargement: true });
type Pixels = { data: Buffer; info: OutputInfo };
const rawOf = ({ info }: Pixels) => ({ raw: { width: info.width, height: info.height, channels: info.channels } });

/** What the image service does after the decode, from preview-sized pixels: thumbnail, ThumbHash input, pHash. */
const thumbnailAndHashes = async (preview: Pixels) => {
  const thumb = await sharp(preview.data, rawOf(preview))
    .resize(fit(RENDITION_LONG_EDGE.thumbnail))
    .raw()
    .toBuffer({ resolveWithObject: true });
  await sharp(thumb.data, rawOf(thumb)).webp({ quality: 75, effort: 2 }).toBuffer();
  await sharp(thumb.data, rawOf(thumb)).resize(fit(100)).ensureAlpha().raw().toBuffer();
  const { width, height, channels } = thumb.info;
  await perceptualHashOf({ data: thumb.data, width, height, channels });
};

/**
 * The rendition pipeline with another preview: long edge `edge` (2000 is exactly half of a 4000 px
 * photo, so libjpeg scales the DCT on load) and WebP (effort 0) or JPEG (quality 80). The thumbnail
 * and hashes are made as the service makes them.
 */
const pipelineWith = (input: string, edge: number, format: 'webp' | 'jpeg') => async () => {
  const preview = await sharp(input).rotate().resize(fit(edge)).raw().toBuffer({ resolveWithObject: true });
  const encoder = sharp(preview.data, rawOf(preview));
  const bytes = await (format === 'webp' ? encoder.webp({ quality: 75, effort: 0 }) : encoder.jpeg({ quality: 80 })).toBuffer();
  await thumbnailAndHashes(preview);
  return bytes.length;
};

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
 *     sharp's plain decode + re-encode of the same file, with the steps' own CPU beside it.
 * 13b-e. The same with the preview a product decision could choose instead (long edge 2000, JPEG, and
 *     JPEG with libvips at one thread),
 *     measured in the same loop (reported).
 * 14. AVIF against WebP for the 2048 px preview: CPU and bytes (reported; the choice is WebP).
 * 15. The stripped link copy: lossless strip / decode + re-encode, CPU (reported).
 * 16. The image service's peak memory growth while a 640x480 JPEG followed by 1 GB of padding is sent.
 */
export const renditionsSuite = async (settings: Settings): Promise<Row[]> => {
  const { width, height } = settings.photo;
  const megapixels = `${Math.round((width * height) / 1e6)} MP`;
  const imaging = await createImaging({ ...OPTIONS, concurrency: 1 });
  const servicePid = serviceOf();
  // The same service with libvips held to one thread per job (WATERMARK_THREADS=1).
  const oneThreadImaging = await createImaging({ ...OPTIONS, concurrency: 1, threadsPerJob: 1 });
  try {
    const rows: Row[] = [];
    const input = await photo('jpeg', width, height);
    const runs = settings.runs * 2;
    // Everything in one interleaved loop, so the machine's load moves every figure alike: the service
    // path (spool, IPC, files: what the API calls), the same work in this process, its steps, the
    // alternatives a product decision could pick, and the plain decode + re-encode they are divided by.
    // As in the image service: libvips' operation cache would answer a repeated decode of the same file
    // from memory.
    sharp.cache(false);
    const dir = mkdtempSync(path.join(tmpdir(), 'mediashare-bench-renditions-'));
    const file = path.join(dir, 'input.jpg');
    writeFileSync(file, input);
    const preview = await sharp(file)
      .rotate()
      .resize(fit(RENDITION_LONG_EDGE.preview))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const threads = sharp.concurrency();
    const inProcess = () =>
      makeRenditions(file, dir, { mimeType: 'image/jpeg', maxPixels: OPTIONS.maxPixels, inputBytes: input.length });
    const alternatives = {
      webp2048: pipelineWith(file, 2048, 'webp'),
      webp2000: pipelineWith(file, 2000, 'webp'),
      jpeg2048: pipelineWith(file, 2048, 'jpeg'),
      jpeg2000: pipelineWith(file, 2000, 'jpeg'),
    };
    const oneThread = (fn: () => Promise<unknown>) => async () => {
      sharp.concurrency(1);
      await fn().finally(() => sharp.concurrency(threads));
    };
    const cpu = await cpuPerRunInterleaved(settings.runs * 3, {
      service: () => drain(imaging, input),
      serviceOneThread: () => drain(oneThreadImaging, input),
      plain: () => reencode(input, 'jpeg'),
      inProcess,
      oneThread: oneThread(inProcess),
      jpeg2048OneThread: oneThread(alternatives.jpeg2048),
      decodeResize: () => sharp(file).rotate().resize(fit(RENDITION_LONG_EDGE.preview)).raw().toBuffer(),
      fullDecode: () => sharp(file).rotate().raw().toBuffer(),
      previewWebp: () => sharp(preview.data, rawOf(preview)).webp({ quality: 75, effort: 0 }).toBuffer(),
      thumbnailAndHashes: () => thumbnailAndHashes(preview),
      thumbnailFromFile: () =>
        sharp(file).rotate().resize(fit(RENDITION_LONG_EDGE.thumbnail)).webp({ quality: 75, effort: 2 }).toBuffer(),
      ...alternatives,
    });
    const previewKB = Object.fromEntries(
      await Promise.all(Object.entries(alternatives).map(async ([name, fn]) => [name, (await fn()) / 1024] as const)),
    ) as Record<keyof typeof alternatives, number>;
    rmSync(dir, { recursive: true, force: true });
    const renditions = cpu.service;
    const plain = cpu.plain;
    // What the service path adds to the work itself (the API process's spooling and reading back).
    const overhead = cpu.service - cpu.inProcess;
    rows.push(
      row({
        id: '13',
        name: `Renditions CPU, ${megapixels} JPEG`,
        ratioOf: 'thumbnail + preview CPU / sharp decode + re-encode',
        value: renditions / plain,
        target: { op: '<=', bound: 0.6 },
        figures: {
          renditionsCpuMs: renditions,
          reencodeCpuMs: plain,
          runs: settings.runs * 3,
          inProcessMs: cpu.inProcess,
          serviceOneThreadMs: cpu.serviceOneThread,
          inProcessOneThreadMs: cpu.oneThread,
          serviceOverheadMs: overhead,
          fullDecodeMs: cpu.fullDecode,
          decodeResizeMs: cpu.decodeResize,
          previewWebpMs: cpu.previewWebp,
          thumbnailAndHashesMs: cpu.thumbnailAndHashes,
          thumbnailFromFileMs: cpu.thumbnailFromFile,
        },
      }),
    );
    const alternativeRows = [
      ['13b', 'preview at long edge 2000 (1/2 shrink-on-load), WebP', cpu.webp2000, previewKB.webp2000],
      ['13c', 'preview as JPEG q80, long edge 2048', cpu.jpeg2048, previewKB.jpeg2048],
      ['13d', 'preview as JPEG q80, long edge 2000', cpu.jpeg2000, previewKB.jpeg2000],
      ['13e', 'preview as JPEG q80, long edge 2048, one libvips thread', cpu.jpeg2048OneThread, previewKB.jpeg2048],
    ] as const;
    for (const [id, what, ms, kb] of alternativeRows)
      rows.push(
        row({
          id,
          name: `Renditions CPU if the ${what}`,
          ratioOf: '(that pipeline + the service path) CPU / sharp decode + re-encode',
          value: (ms + overhead) / plain,
          target: null,
          figures: {
            pipelineMs: ms,
            sameShapeWebp2048Ms: cpu.webp2048,
            serviceOverheadMs: overhead,
            reencodeCpuMs: plain,
            previewKB: kb,
            webp2048PreviewKB: previewKB.webp2048,
          },
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
    const service = servicePid;
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
    await oneThreadImaging.close();
  }
};
