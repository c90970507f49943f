import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  ERRORS,
  ImagingError,
  isVideo,
  isWatermarkable,
  silentLogger,
  type ImageFile,
  type ImagingPort,
  type Logger,
  type Rendition,
  type RenditionSet,
  type VideoProbe,
  type VideoTools,
} from '@mediashare/core';
import { createLimit } from './limit';
import { blockUnneededLoaders } from './loaders';
import { prepareMark } from './mark';
import type { WatermarkPosition } from './placement';
import type { Job, OutputFile, Reply, Request, ServiceSetup } from './protocol';
import type { RenditionFile, RenditionResult } from './renditions';
import { spool, spoolImage } from './spool';
import type { VideoResult } from './video';

export interface ImagingOptions {
  position: WatermarkPosition;
  /** Mark width as a fraction of the image width. */
  scale: number;
  opacity: number;
  /** Distance from the edges as a fraction of the image's shorter side. */
  margin: number;
  /** The operator's own mark (PNG, WebP or JPEG); the bundled JOIP mark otherwise. */
  imagePath?: string | undefined;
  /** Images over this many pixels (all frames counted) are refused before decoding. */
  maxPixels: number;
  /** Jobs at once (images and videos alike); defaults to one per core (past that, jobs only queue). */
  concurrency?: number;
  /** libvips threads per job (process-wide); libvips defaults to one per core. */
  threadsPerJob?: number;
  /** Where inputs and outputs are spooled (a private folder is made inside); the system's by default. */
  tempDir?: string | undefined;
  /** ffmpeg and ffprobe to use; unset means PATH, then the binaries inside the npm packages. */
  ffmpegPath?: string | undefined;
  ffprobePath?: string | undefined;
  /** Wall-clock limit of one ffprobe or ffmpeg run. */
  videoTimeoutMs?: number;
  logger?: Logger;
}

export type Imaging = ImagingPort;

// From source the service needs a TypeScript loader; the server build bundles it beside itself.
const serviceUrl = import.meta.url.endsWith('.ts')
  ? new URL('./service-dev.mjs', import.meta.url)
  : new URL('./image-service.js', import.meta.url);

const startService = (setup: ServiceSetup) =>
  new Promise<ChildProcess>((resolve, reject) => {
    const child = fork(fileURLToPath(serviceUrl), [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`image service exited with ${code} while starting`)));
    child.once('message', (reply: Reply) => {
      if (reply.kind !== 'ready') return reject(new Error('image service failed to start'));
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      resolve(child);
    });
    child.send({ kind: 'setup', setup } satisfies Request);
  });

/**
 * An idle service must not keep the process alive; one with jobs must, even when nothing else does
 * (a script, not a server). The IPC channel is a handle of its own and needs the same treatment.
 */
const setIdle = (child: ChildProcess, idle: boolean) => {
  if (idle) {
    child.unref();
    child.channel?.unref();
  } else {
    child.ref();
    child.channel?.ref();
  }
};

const FOLDER_PREFIX = 'mediashare-imaging-';

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Folders of processes that died without closing (a crash, a kill): their spooled files are garbage. */
const removeAbandoned = async (parent: string) => {
  const entries = await readdir(parent).catch(() => []);
  for (const entry of entries) {
    const pid = Number(/^mediashare-imaging-(\d+)-/.exec(entry)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) await rm(path.join(parent, entry), { recursive: true, force: true });
  }
};

/**
 * A file the service wrote, opened and then unlinked: the stream reads through its descriptor, so the
 * bytes vanish from disk when it is read or destroyed, whatever the caller does with it.
 */
const openOutput = async (file: OutputFile): Promise<ImageFile & { stream: Readable }> => {
  const handle = await open(file.path);
  const { size } = await handle.stat();
  return { stream: handle.createReadStream(), size, mimeType: file.mimeType, width: file.width, height: file.height };
};

const openRendition = async (file: RenditionFile): Promise<Rendition> => ({
  ...(await openOutput(file)),
  kind: file.kind,
  mimeType: 'image/webp',
  isAnimated: file.isAnimated,
});

const openRenditions = async (result: RenditionResult): Promise<RenditionSet> => ({
  width: result.width,
  height: result.height,
  frames: result.frames,
  thumbnail: await openRendition(result.thumbnail),
  preview: result.preview ? await openRendition(result.preview) : null,
  placeholder: result.placeholder,
  perceptualHash: result.perceptualHash,
});

/**
 * Image and video work in a separate process at lower CPU priority, so decoding, encoding and ffmpeg
 * never take the event loop's time or its CPU away from the API. Inputs are spooled to a private
 * temporary folder (images inspected on the way, as uploads are) and the service reads them from
 * there; outputs come back as files. The mark is rendered once here, at start (it may be SVG), before
 * every decoder the product does not need is blocked; the service gets its pixels.
 */
export const createImaging = async (options: ImagingOptions): Promise<Imaging> => {
  const logger = options.logger ?? silentLogger;
  const mark = await prepareMark({ imagePath: options.imagePath, opacity: options.opacity });
  blockUnneededLoaders();
  const setup: ServiceSetup = {
    settings: { mark, position: options.position, scale: options.scale, margin: options.margin, maxPixels: options.maxPixels },
    video: {
      ffmpegPath: options.ffmpegPath,
      ffprobePath: options.ffprobePath,
      timeoutMs: options.videoTimeoutMs ?? 30_000,
      maxPixels: options.maxPixels,
    },
    threads: options.threadsPerJob,
  };
  const parent = options.tempDir ?? tmpdir();
  await removeAbandoned(parent);
  const root = await mkdtemp(path.join(parent, `${FOLDER_PREFIX}${process.pid}-`));
  const limit = createLimit(options.concurrency ?? availableParallelism());
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let closed = false;

  const attach = (child: ChildProcess) => {
    child.on('message', (reply: Reply) => {
      if (reply.kind === 'ready') return;
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      if (reply.kind === 'done') job.resolve(reply.result);
      else if (reply.reason === 'unprocessable') job.reject(ERRORS.imageRefused({ detail: reply.message }));
      else job.reject(new ImagingError(reply.reason, reply.message));
      if (pending.size === 0) setIdle(child, true);
    });
    // A service that dies (out of memory on a hostile image, say) fails its jobs and is replaced.
    child.once('exit', (code) => {
      for (const [id, job] of pending) {
        pending.delete(id);
        job.reject(new Error(`image service exited with ${code}`));
      }
      if (!closed) service = startService(setup).then(attach);
    });
    setIdle(child, true);
    return child;
  };
  let service = startService(setup).then(attach);
  await service;

  const request = async <T>(job: Job): Promise<T> => {
    if (closed) throw new Error('imaging is closed');
    const child = await service;
    const id = nextId++;
    const result = new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (r: unknown) => void, reject }));
    setIdle(child, false);
    child.send({ kind: 'job', id, job } satisfies Request);
    return result;
  };

  /** One job: a folder of its own for its files, removed when it is done (opened outputs live on). */
  const inFolder = <T>(work: (dir: string) => Promise<T>) =>
    limit(async () => {
      if (closed) throw new Error('imaging is closed');
      const dir = path.join(root, `job-${nextId++}`);
      await mkdir(dir, { mode: 0o700 });
      try {
        return await work(dir);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

  let videoToolsLogged = false;
  const logVideoTools = (tools: VideoTools) => {
    if (videoToolsLogged) return;
    videoToolsLogged = true;
    if (tools.isAvailable)
      logger.info(
        { ffmpeg: tools.ffmpeg, ffprobe: tools.ffprobe, origin: tools.origin, version: tools.version },
        'video tools found',
      );
    else logger.warn({ reason: tools.reason }, 'no working ffmpeg/ffprobe: videos are accepted without poster, size or duration');
  };

  const videoTools = async () => {
    const tools = await request<VideoTools>({ op: 'videoTools' });
    logVideoTools(tools);
    return tools;
  };

  /**
   * Probe and poster in one job; the poster's files are opened before the job's folder goes. Without
   * tools the input is not spooled at all: a gigabyte copied to disk for nothing to read.
   */
  const video = async (input: Readable | Buffer, hashOnly: boolean) => {
    const tools = await videoTools();
    if (!tools.isAvailable) {
      if (!Buffer.isBuffer(input)) input.destroy();
      return tools;
    }
    return inFolder(async (dir): Promise<VideoProbe & { perceptualHash?: string | null }> => {
      const file = path.join(dir, 'input');
      await spool(input, file);
      const result = await request<({ isAvailable: true } & VideoResult) | Extract<VideoTools, { isAvailable: false }>>({
        op: 'video',
        input: file,
        outputDir: dir,
        hashOnly,
      });
      if (!result.isAvailable) {
        logVideoTools(result);
        return result;
      }
      const { width, height, durationMs, poster, posterError, perceptualHash } = result;
      return {
        isAvailable: true,
        width,
        height,
        durationMs,
        poster: poster ? await openRenditions(poster) : null,
        ...(posterError ? { posterError } : {}),
        perceptualHash,
      };
    });
  };

  return {
    watermark: (input, mimeType) =>
      inFolder(async (dir) => {
        const file = path.join(dir, 'input');
        await spoolImage(input, file, mimeType, options.maxPixels);
        const out = await request<OutputFile>({ op: 'watermark', input: file, output: path.join(dir, 'marked'), mimeType });
        const opened = await openOutput(out);
        return { stream: opened.stream, width: opened.width, height: opened.height, mimeType };
      }),

    makeRenditions: (input, mimeType, renditionOptions = {}) =>
      inFolder(async (dir) => {
        if (renditionOptions.watermark && !isWatermarkable(mimeType)) throw new TypeError(`${mimeType} is never watermarked`);
        const file = path.join(dir, 'input');
        const { bytes } = await spoolImage(input, file, mimeType, options.maxPixels);
        const result = await request<RenditionResult>({
          op: 'renditions',
          input: file,
          outputDir: dir,
          mimeType,
          watermark: Boolean(renditionOptions.watermark),
          inputBytes: bytes,
        });
        return openRenditions(result);
      }),

    stripMetadata: (input, mimeType) =>
      inFolder(async (dir) => {
        const file = path.join(dir, 'input');
        await spoolImage(input, file, mimeType, options.maxPixels);
        const out = await request<OutputFile & { isLossless: boolean }>({
          op: 'strip',
          input: file,
          output: path.join(dir, 'stripped'),
          mimeType,
        });
        return { ...(await openOutput(out)), mimeType, isLossless: out.isLossless };
      }),

    perceptualHash: async (input, mimeType) => {
      if (isVideo(mimeType)) {
        const result = await video(input, true);
        return result.isAvailable ? (result.perceptualHash ?? null) : null;
      }
      return inFolder(async (dir) => {
        const file = path.join(dir, 'input');
        await spoolImage(input, file, mimeType, options.maxPixels);
        return request<string>({ op: 'hash', input: file, mimeType });
      });
    },

    probeVideo: async (input) => {
      const result = await video(input, false);
      if (!result.isAvailable) return result;
      const { perceptualHash: _hash, ...probe } = result;
      return probe;
    },

    videoTools,

    async close() {
      closed = true;
      const child = await service;
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          // Held until it is gone, so a caller awaiting close() is not left with an empty event loop.
          setIdle(child, false);
          child.kill();
        });
      }
      await rm(root, { recursive: true, force: true });
    },
  };
};
