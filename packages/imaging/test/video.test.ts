import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import type { RenditionSet, VideoTools } from '@mediashare/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImaging, type Imaging } from '../src';

const run = promisify(execFile);
const OPTIONS = { position: 'southeast', scale: 0.2, opacity: 0.6, margin: 0.03, maxPixels: 50_000_000 } as const;

let imaging: Imaging;
let tools: Extract<VideoTools, { isAvailable: true }>;
let dir: string;
const clips: Record<string, Buffer> = {};

/** ffmpeg's own test pattern, encoded by the ffmpeg the imaging port found (PATH or bundled). */
const encode = async (name: string, args: string[]) => {
  const file = path.join(dir, name);
  await run(tools.ffmpeg, [
    '-nostdin',
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x240:rate=10',
    '-t',
    '3',
    ...args,
    file,
  ]);
  return readFile(file);
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mediashare-video-test-'));
  imaging = await createImaging(OPTIONS);
  const found = await imaging.videoTools();
  if (!found.isAvailable) throw new Error(`no ffmpeg for the video tests: ${found.reason}`);
  tools = found;
  const { stdout } = await run(tools.ffmpeg, ['-hide_banner', '-encoders']);
  // MP4/H.264 where this ffmpeg can encode it, WebM (VP8) always.
  if (/libx264/.test(stdout))
    clips.mp4 = await encode('clip.mp4', ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']);
  clips.webm = await encode('clip.webm', ['-c:v', 'libvpx', '-b:v', '200k']);
  if (clips.mp4) {
    // A phone video held upright: stored landscape, shown portrait through the display matrix.
    const rotated = path.join(dir, 'rotated.mp4');
    await run(tools.ffmpeg, [
      '-nostdin',
      '-v',
      'error',
      '-y',
      '-display_rotation',
      '90',
      '-i',
      path.join(dir, 'clip.mp4'),
      '-c',
      'copy',
      rotated,
    ]).catch(() =>
      run(tools.ffmpeg, [
        '-nostdin',
        '-v',
        'error',
        '-y',
        '-i',
        path.join(dir, 'clip.mp4'),
        '-c',
        'copy',
        '-metadata:s:v:0',
        'rotate=90',
        rotated,
      ]),
    );
    clips.rotated = await readFile(rotated);
  }
});
afterAll(async () => {
  await imaging.close();
  await rm(dir, { recursive: true, force: true });
});

const drain = async (poster: RenditionSet | null) => {
  expect(poster).not.toBeNull();
  const [thumbnail, preview] = await Promise.all([buffer(poster!.thumbnail.stream), buffer(poster!.preview!.stream)]);
  return { thumbnail: await sharp(thumbnail).metadata(), preview: await sharp(preview).metadata(), previewBytes: preview };
};

describe('video tools', () => {
  it('finds a working ffmpeg and ffprobe, on PATH or inside the npm packages', () => {
    expect(['path', 'bundled']).toContain(tools.origin);
    expect(tools.version).toMatch(/\S/);
  });
});

describe('probeVideo', () => {
  it.each(['mp4', 'webm'])('reads size and duration of a %s and makes poster renditions', async (kind) => {
    const clip = clips[kind];
    if (!clip) return expect(kind).toBe('mp4'); // this ffmpeg has no H.264 encoder; WebM covers it
    const probe = await imaging.probeVideo(clip, kind === 'mp4' ? 'video/mp4' : 'video/webm');
    expect(probe).toMatchObject({ isAvailable: true, width: 320, height: 240 });
    if (!probe.isAvailable) return;
    expect(probe.durationMs).toBeGreaterThanOrEqual(2900);
    expect(probe.durationMs).toBeLessThanOrEqual(3100);
    const poster = await drain(probe.poster);
    expect([poster.preview.format, poster.preview.width, poster.preview.height]).toEqual(['webp', 320, 240]);
    expect([poster.thumbnail.format, poster.thumbnail.width, poster.thumbnail.height]).toEqual(['webp', 320, 240]);
    // The test pattern is colourful: a real frame, not a blank one.
    const stats = await sharp(poster.previewBytes).stats();
    expect(stats.channels[0]!.stdev).toBeGreaterThan(30);
    expect(probe.poster!.placeholder.length).toBeGreaterThan(10);
    expect(probe.poster!.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reports a rotated phone video upright, poster included', async () => {
    if (!clips.rotated) return;
    const probe = await imaging.probeVideo(clips.rotated, 'video/mp4');
    expect(probe).toMatchObject({ isAvailable: true, width: 240, height: 320 });
    if (!probe.isAvailable) return;
    const poster = await drain(probe.poster);
    expect([poster.preview.width, poster.preview.height]).toEqual([240, 320]);
  });

  it('hashes a video by its poster', async () => {
    const clip = clips.mp4 ?? clips.webm!;
    const hash = await imaging.perceptualHash(clip, clips.mp4 ? 'video/mp4' : 'video/webm');
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('fails truncated and garbled files with a clear error, and keeps working', async () => {
    const clip = clips.mp4 ?? clips.webm!;
    const mime = clips.mp4 ? 'video/mp4' : 'video/webm';
    // Without faststart the index sits at the end: half a file has none.
    await expect(imaging.probeVideo(clip.subarray(0, clip.length / 2), mime)).rejects.toMatchObject({
      name: 'ImagingError',
      reason: 'corrupt',
    });
    const garbled = Buffer.concat([clip.subarray(0, 32), Buffer.alloc(64 * 1024, 0x5a)]);
    await expect(imaging.probeVideo(garbled, mime)).rejects.toMatchObject({ name: 'ImagingError', reason: 'corrupt' });
    expect(await imaging.probeVideo(clip, mime)).toMatchObject({ isAvailable: true, width: 320 });
  });
});

describe('hostile and missing tools', () => {
  it('kills a probe that runs over its time limit', async () => {
    // A stand-in ffprobe that answers -version and then hangs, as a parser stuck on crafted input would.
    const pidFile = path.join(dir, 'hung.pid');
    const script = path.join(dir, 'hung-tool');
    await writeFile(
      script,
      `#!/bin/sh\ncase "$*" in *-version*) echo "hung version 1.0"; exit 0;; esac\necho $$ > ${pidFile}\nexec sleep 60\n`,
    );
    await chmod(script, 0o755);
    const hung = await createImaging({ ...OPTIONS, ffmpegPath: script, ffprobePath: script, videoTimeoutMs: 1000 });
    try {
      const started = Date.now();
      await expect(hung.probeVideo(clips.webm!, 'video/webm')).rejects.toMatchObject({ name: 'ImagingError', reason: 'timeout' });
      expect(Date.now() - started).toBeLessThan(30_000);
      const pid = Number(await readFile(pidFile, 'utf8'));
      expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    } finally {
      await hung.close();
    }
  });

  it('reports "unavailable" with the reason, logged once, where no binary runs', async () => {
    const warnings: object[] = [];
    const logger = { info: () => {}, debug: () => {}, error: () => {}, warn: (obj: object) => warnings.push(obj) };
    const missing = await createImaging({
      ...OPTIONS,
      ffmpegPath: '/nonexistent/ffmpeg',
      ffprobePath: '/nonexistent/ffprobe',
      logger,
    });
    try {
      const first = await missing.probeVideo(clips.webm!, 'video/webm');
      expect(first).toMatchObject({ isAvailable: false, reason: expect.stringMatching(/\/nonexistent\/ff(mpeg|probe)/) });
      expect(await missing.probeVideo(clips.webm!, 'video/webm')).toMatchObject({ isAvailable: false });
      expect(await missing.perceptualHash(clips.webm!, 'video/webm')).toBeNull();
      expect(warnings).toHaveLength(1);
    } finally {
      await missing.close();
    }
  });
});
