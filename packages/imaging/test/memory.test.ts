import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImaging, type Imaging } from '../src';
import { structured } from './images';

const MB = 1024 * 1024;
let imaging: Imaging;
let tempDir: string;
let servicePid: number;

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

/** Runs `work` while sampling the image service's resident memory; gives its peak growth. */
const peakGrowth = async (work: () => Promise<unknown>) => {
  const before = rssOf(servicePid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(servicePid))), 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, rssOf(servicePid)) - before;
};

/** A JPEG followed by `padding` bytes, produced lazily so the test itself holds little of it. */
const padded = (jpeg: Buffer, padding: number, counter = { read: 0 }) =>
  Readable.from(
    (function* () {
      counter.read += jpeg.length;
      yield jpeg;
      for (let left = padding; left > 0; left -= MB) {
        counter.read += Math.min(MB, left);
        yield Buffer.alloc(Math.min(MB, left), 0x5a);
      }
    })(),
  );

let photo: Buffer;
beforeAll(async () => {
  tempDir = await mkdtemp(path.join(tmpdir(), 'mediashare-memory-test-'));
  imaging = await createImaging({
    position: 'southeast',
    scale: 0.2,
    opacity: 0.6,
    margin: 0.03,
    maxPixels: 50_000_000,
    tempDir,
  });
  const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(' ').map(Number);
  servicePid = children.at(-1)!;
  photo = await (await structured(640, 480)).jpeg({ quality: 90 }).toBuffer();
  // Warm up: the service's first job loads libvips' codecs and thread pools.
  for (let i = 0; i < 3; i++) {
    const set = await imaging.makeRenditions(photo, 'image/jpeg');
    await Promise.all([buffer(set.thumbnail.stream), buffer(set.preview!.stream)]);
  }
});
afterAll(async () => {
  await imaging.close();
  await rm(tempDir, { recursive: true, force: true });
});

describe('image service memory', () => {
  it('does not hold an original in memory: 16 MB of padding behind a 640x480 JPEG is never read into it', async () => {
    const padding = 16 * MB; // within what 640x480 pixels justify (18.3 MB), so the job runs
    const growth = await peakGrowth(async () => {
      const set = await imaging.makeRenditions(padded(photo, padding), 'image/jpeg');
      await Promise.all([buffer(set.thumbnail.stream), buffer(set.preview!.stream)]);
      const marked = await imaging.watermark(padded(photo, padding), 'image/jpeg');
      await buffer(marked.stream);
    });
    console.log(`image service peak RSS growth with ${padding / MB} MB of padding: ${(growth / MB).toFixed(1)} MB`);
    // Holding the input, as the service once did (its chunks, then Buffer.concat), costs twice the padding.
    expect(growth).toBeLessThan(padding);
  });

  it('refuses 256 MB of padding after reading what the pixels justify, and leaves no file behind', async () => {
    const counter = { read: 0 };
    const source = padded(photo, 256 * MB, counter);
    const growth = await peakGrowth(() =>
      expect(imaging.makeRenditions(source, 'image/jpeg')).rejects.toMatchObject({
        status: 422,
        message: 'Image file is larger than a 640x480 image can need (more than 18.3 MB); it carries other data',
      }),
    );
    expect(counter.read).toBeLessThan(24 * MB);
    expect(growth).toBeLessThan(8 * MB);
    const [root] = readdirSync(tempDir);
    expect(readdirSync(path.join(tempDir, root!))).toEqual([]);
  });

  it('removes the spool folders of processes that died without closing, and no one else’s', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'mediashare-abandoned-test-'));
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const abandoned = path.join(parent, `mediashare-imaging-${dead}-abc123`);
    const live = path.join(parent, `mediashare-imaging-${process.ppid}-def456`);
    for (const folder of [abandoned, live]) {
      await mkdir(path.join(folder, 'job-1'), { recursive: true });
      await writeFile(path.join(folder, 'job-1', 'input'), 'spooled bytes');
    }
    const second = await createImaging({
      position: 'southeast',
      scale: 0.2,
      opacity: 0.6,
      margin: 0.03,
      maxPixels: 1_000_000,
      tempDir: parent,
    });
    try {
      expect(existsSync(abandoned)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      await second.close();
      await rm(parent, { recursive: true, force: true });
    }
  });
});
