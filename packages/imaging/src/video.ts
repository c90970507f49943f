import { createRequire } from 'node:module';
import { ImagingError, RENDITION_LONG_EDGE, type VideoTools } from '@mediashare/core';
import { hashFrame, renditionsFromPixels, type RenditionResult } from './renditions';
import { runTool } from './run-tool';

export interface VideoSettings {
  /** The operator's binaries; when set, only they are tried. */
  ffmpegPath?: string | undefined;
  ffprobePath?: string | undefined;
  /** Per ffprobe or ffmpeg run. */
  timeoutMs: number;
  maxPixels: number;
}

const VERSION_TIMEOUT_MS = 10_000;
/** Demuxers for the accepted containers (MP4 and QuickTime share one): nothing else gets to parse. */
const INPUT_GUARDS = ['-protocol_whitelist', 'file,pipe', '-format_whitelist', 'mov,matroska,webm'];
/** No single allocation above this: a crafted header cannot ask the decoder for gigabytes. */
const MAX_ALLOC = String(512 * 1024 * 1024);
/** Where the poster frame is taken: past a fade-in, yet inside the shortest clip. */
const POSTER_SECONDS = 1;

/**
 * The binary inside the installer package, resolved at run time beside this module: from source, the
 * imaging package's dependency; in the server build, the API package's (it depends on both for this).
 */
const bundled = (name: 'ffmpeg' | 'ffprobe'): string | null => {
  try {
    const found = createRequire(import.meta.url)(`@${name}-installer/${name}`) as { path?: unknown };
    return typeof found.path === 'string' ? found.path : null;
  } catch {
    return null;
  }
};

const versionOf = async (binary: string) => {
  const out = await runTool(binary, ['-hide_banner', '-version'], { timeoutMs: VERSION_TIMEOUT_MS, maxOutputBytes: 64 * 1024 });
  return (/version (\S+)/.exec(out.toString('utf8'))?.[1] ?? 'unknown').slice(0, 60);
};

/**
 * The first pair that runs: the operator's paths if configured; otherwise `ffmpeg`/`ffprobe` on PATH (a
 * distribution's build gets its security fixes with the system's updates); otherwise the static builds
 * inside @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe.
 */
export const findVideoTools = async (settings: Pick<VideoSettings, 'ffmpegPath' | 'ffprobePath'>): Promise<VideoTools> => {
  const configured = settings.ffmpegPath || settings.ffprobePath;
  const candidates: { origin: 'configured' | 'path' | 'bundled'; ffmpeg: string | null; ffprobe: string | null }[] = configured
    ? [{ origin: 'configured', ffmpeg: settings.ffmpegPath ?? null, ffprobe: settings.ffprobePath ?? null }]
    : [
        { origin: 'path', ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' },
        { origin: 'bundled', ffmpeg: bundled('ffmpeg'), ffprobe: bundled('ffprobe') },
      ];
  const reasons: string[] = [];
  for (const { origin, ffmpeg, ffprobe } of candidates) {
    if (!ffmpeg || !ffprobe) {
      reasons.push(`${origin}: ${!ffmpeg ? 'ffmpeg' : 'ffprobe'} not set or not installed`);
      continue;
    }
    try {
      const [version] = await Promise.all([versionOf(ffmpeg), versionOf(ffprobe)]);
      return { isAvailable: true, ffmpeg, ffprobe, origin, version: version ?? 'unknown' };
    } catch (error) {
      reasons.push(`${origin}: ${(error as Error).message}`);
    }
  }
  return { isAvailable: false, reason: reasons.join('; ') };
};

interface ProbeJson {
  streams?: {
    codec_type?: string;
    width?: number;
    height?: number;
    tags?: { rotate?: string };
    side_data_list?: { rotation?: number }[];
  }[];
  format?: { duration?: string };
}

/** Size (upright), duration and rotation of the first video stream, from ffprobe. */
export const probe = async (ffprobe: string, file: string, timeoutMs: number) => {
  const out = await runTool(
    ffprobe,
    [
      '-v',
      'error',
      '-hide_banner',
      '-max_alloc',
      MAX_ALLOC,
      ...INPUT_GUARDS,
      '-of',
      'json',
      '-show_entries',
      'stream=codec_type,width,height:stream_tags=rotate:stream_side_data=rotation:format=duration',
      '-i',
      `file:${file}`,
    ],
    { timeoutMs, maxOutputBytes: 1024 * 1024 },
  );
  let parsed: ProbeJson;
  try {
    parsed = JSON.parse(out.toString('utf8')) as ProbeJson;
  } catch {
    throw new ImagingError('corrupt', 'ffprobe gave no readable answer');
  }
  const video = parsed.streams?.find((s) => s.codec_type === 'video' && s.width && s.height);
  if (!video?.width || !video.height) throw new ImagingError('corrupt', 'no video stream with a size');
  const rotation = Number(video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? video.tags?.rotate ?? 0);
  const isTurned = Math.abs(Math.round(rotation / 90)) % 2 === 1;
  const seconds = Number(parsed.format?.duration);
  return {
    width: isTurned ? video.height : video.width,
    height: isTurned ? video.width : video.height,
    durationMs: Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null,
  };
};

/**
 * One decoded frame as RGB at most preview size, straight from ffmpeg (which applies the rotation
 * itself): exactly width x height x 3 bytes, so the output bound is exact.
 */
const grabFrame = async (
  ffmpeg: string,
  file: string,
  at: number,
  size: { width: number; height: number },
  timeoutMs: number,
) => {
  const scale = Math.min(1, RENDITION_LONG_EDGE.preview / Math.max(size.width, size.height));
  const width = Math.max(1, Math.round(size.width * scale));
  const height = Math.max(1, Math.round(size.height * scale));
  const bytes = width * height * 3;
  const data = await runTool(
    ffmpeg,
    [
      '-nostdin',
      '-v',
      'error',
      '-hide_banner',
      '-max_alloc',
      MAX_ALLOC,
      '-timelimit',
      String(Math.ceil(timeoutMs / 1000)),
      ...INPUT_GUARDS,
      '-threads',
      '1',
      ...(at > 0 ? ['-ss', String(at)] : []),
      '-i',
      `file:${file}`,
      '-an',
      '-sn',
      '-dn',
      '-frames:v',
      '1',
      '-vf',
      `scale=${width}:${height}`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      'pipe:1',
    ],
    { timeoutMs, maxOutputBytes: bytes },
  );
  return data.length === bytes ? { data, width, height, channels: 3 as const } : null;
};

export interface VideoResult {
  width: number;
  height: number;
  durationMs: number | null;
  poster: RenditionResult | null;
  posterError?: string;
  perceptualHash: string | null;
}

/** Probe, then a poster frame a second in (or the first frame of a shorter clip), then its renditions. */
export const processVideo = async (
  tools: Extract<VideoTools, { isAvailable: true }>,
  file: string,
  outputDir: string,
  { timeoutMs, maxPixels, hashOnly }: { timeoutMs: number; maxPixels: number; hashOnly: boolean },
): Promise<VideoResult> => {
  const info = await probe(tools.ffprobe, file, timeoutMs);
  if (info.width * info.height > maxPixels)
    return {
      ...info,
      poster: null,
      perceptualHash: null,
      posterError: `frames of ${info.width}x${info.height} exceed the pixel limit`,
    };
  const at = info.durationMs && info.durationMs > POSTER_SECONDS * 2000 ? POSTER_SECONDS : 0;
  let frame;
  try {
    frame =
      (await grabFrame(tools.ffmpeg, file, at, info, timeoutMs)) ??
      (at > 0 ? await grabFrame(tools.ffmpeg, file, 0, info, timeoutMs) : null);
  } catch (error) {
    if (error instanceof ImagingError && error.reason === 'timeout') throw error;
    return { ...info, poster: null, perceptualHash: null, posterError: (error as Error).message };
  }
  if (!frame) return { ...info, poster: null, perceptualHash: null, posterError: 'no frame could be decoded' };
  if (hashOnly) return { ...info, poster: null, perceptualHash: await hashFrame(frame) };
  const poster = await renditionsFromPixels(frame, outputDir, { width: info.width, height: info.height, frames: 1 });
  return { ...info, poster, perceptualHash: poster.perceptualHash };
};
