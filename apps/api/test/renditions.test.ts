import { buffer } from 'node:stream/consumers';
import {
  BUCKETS,
  backfillRenditions,
  drainRenditionJobs,
  ImagingError,
  renditionKeyFor,
  runRenditionJob,
  strippedKeyFor,
  sweepStorage,
  type ImagingPort,
} from '@mediashare/core';
import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage, readFixture } from './support/fixtures';
import { connect, createDatabase } from '@mediashare/db';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { jobRows, mediaRow, movableClock } from './support/renditions';
import { share } from './support/share';

const clock = movableClock();
let h: Harness;
let owner: TestUser;
beforeAll(async () => {
  // A database of its own: draining the queue must only ever see this file's jobs.
  h = await createHarness({ isolated: true, now: clock.now, env: { RENDITION_LEASE_SECONDS: '60' } });
  owner = await createUser(h.app);
});
afterAll(() => h.close());

const stored = async (key: string, bucket: string = BUCKETS.userMedia) => {
  const object = await h.deps.storage.get(bucket as typeof BUCKETS.userMedia, key);
  return buffer(object.stream);
};

/** A photo with the camera's orientation tag 6: stored landscape, seen portrait. */
const turnedPhoto = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 90, b: 200 } } })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();

/** An animation of `frames` frames of noise (so WebP cannot shrink it much). */
const animatedGif = async (frames: number, width = 120, height = 80) => {
  const raw = Buffer.alloc(width * height * frames * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  return sharp(raw, { raw: { width, height: height * frames, channels: 3, pageHeight: height } as never })
    .gif({ loop: 0 })
    .toBuffer();
};

describe('renditions of an upload', () => {
  it('are pending at upload, made by the job, and named on the item', async () => {
    const { status, body: item } = await uploadFile(h.app, owner, await turnedPhoto(1600, 1200), 'turned.jpg');
    expect(status).toBe(201);
    expect(item).toMatchObject({ thumbnailUrl: null, previewUrl: null, placeholder: null, durationMs: null });
    expect((await jobRows(h)).map((j) => j.mediaId)).toContain(item.id);

    expect(await drainRenditionJobs(h.deps)).toEqual(['made']);
    const { body } = await call(h.app, `/api/user/media/${item.id}`, { cookie: owner.cookie });
    expect(body).toMatchObject({
      thumbnailUrl: `/api/user/media/${item.id}/thumbnail`,
      previewUrl: `/api/user/media/${item.id}/preview`,
      placeholder: expect.stringMatching(/^[A-Za-z0-9+/=]{10,40}$/),
      // As a viewer sees it: the orientation is applied.
      width: 1200,
      height: 1600,
    });
    const thumbnail = await sharp(await stored(renditionKeyFor(item.filePath, 'thumbnail'))).metadata();
    const preview = await sharp(await stored(renditionKeyFor(item.filePath, 'preview'))).metadata();
    expect([thumbnail.format, thumbnail.width, thumbnail.height]).toEqual(['webp', 360, 480]);
    expect([preview.format, preview.width, preview.height]).toEqual(['webp', 1200, 1600]);
    expect(await jobRows(h)).toEqual([]);
    // Nothing is left marked for the sweep: every object is named by its row.
    const intents = await h.sql.select().from(schema.storageIntents);
    expect(intents.filter((i) => i.path.startsWith(`${owner.id}/`))).toEqual([]);
  });

  it('makes a thumbnail and preview of PNG and WebP', async () => {
    for (const format of ['png', 'webp'] as const) {
      const { body: item } = await uploadFile(h.app, owner, await makeImage(format, 3000, 1000), `wide.${format}`);
      expect(await drainRenditionJobs(h.deps)).toEqual(['made']);
      const row = await mediaRow(h, item.id);
      expect(row.previewPath).toBe(renditionKeyFor(item.filePath, 'preview'));
      const preview = await sharp(await stored(row.previewPath!)).metadata();
      expect([preview.format, preview.width, preview.height]).toEqual(['webp', 2048, 683]);
    }
  });

  it('gives an animation a still thumbnail, and no preview when WebP would not be smaller', async () => {
    const { body: item } = await uploadFile(h.app, owner, await animatedGif(6), 'noise.gif');
    expect(await drainRenditionJobs(h.deps)).toEqual(['made']);
    const row = await mediaRow(h, item.id);
    const thumbnail = await sharp(await stored(row.thumbnailPath!), { animated: true }).metadata();
    expect([thumbnail.format, thumbnail.pages ?? 1]).toEqual(['webp', 1]);
    // The noise does not compress: the GIF is its own preview, and the item still says where to find one.
    expect(row.previewPath).toBeNull();
    expect(row.placeholder).not.toBeNull();
    const { body } = await call(h.app, `/api/user/media/${item.id}`, { cookie: owner.cookie });
    expect(body.previewUrl).toBe(`/api/user/media/${item.id}/preview`);
  });

  it('measures a video and makes its poster frame', async () => {
    const tools = await h.deps.imaging.videoTools();
    const { body: item } = await uploadFile(h.app, owner, readFixture('clip.mp4'), 'clip.mp4');
    expect(await drainRenditionJobs(h.deps)).toEqual(['made']);
    const { body } = await call(h.app, `/api/user/media/${item.id}`, { cookie: owner.cookie });
    if (!tools.isAvailable) {
      // Without a working ffmpeg the video stays, without a poster, and the row says why.
      expect(body).toMatchObject({ thumbnailUrl: null, previewUrl: null });
      expect((await mediaRow(h, item.id)).renditionError).toMatch(/no video tools/);
      return;
    }
    expect(body).toMatchObject({ width: 160, height: 120, thumbnailUrl: `/api/user/media/${item.id}/thumbnail` });
    expect(body.durationMs).toBeGreaterThanOrEqual(1900);
    expect(body.durationMs).toBeLessThanOrEqual(2100);
    const poster = await sharp(await stored(renditionKeyFor(item.filePath, 'thumbnail'))).metadata();
    expect([poster.format, poster.width, poster.height]).toEqual(['webp', 160, 120]);
  });
});

describe('a file whose renditions fail', () => {
  it('stays in the vault with null renditions and the reason, and the job ends', async () => {
    // A real JPEG header (so the upload accepts it) over bytes that do not decode.
    const good = await makeImage('jpeg', 400, 300);
    const corrupt = Buffer.concat([good.subarray(0, 600), Buffer.alloc(good.length, 0x55)]);
    const { status, body: item } = await uploadFile(h.app, owner, corrupt, 'broken.jpg');
    expect(status).toBe(201);
    expect(await drainRenditionJobs(h.deps)).toEqual(['failed']);
    const row = await mediaRow(h, item.id);
    expect(row.renditionError).toBeTruthy();
    expect([row.placeholder, row.thumbnailPath, row.previewPath]).toEqual([null, null, null]);
    expect(await jobRows(h)).toEqual([]);
    const objects = await h.objects(BUCKETS.userMedia);
    expect(objects.filter((k) => k.startsWith(item.filePath))).toEqual([item.filePath]);
    const { body } = await call(h.app, `/api/user/media/${item.id}`, { cookie: owner.cookie });
    expect(body).toMatchObject({ thumbnailUrl: null, previewUrl: null, placeholder: null });
  });

  it('is retried with backoff after a failure that may pass, up to the limit', async () => {
    let failures = 0;
    const flaky: ImagingPort = {
      ...h.deps.imaging,
      async makeRenditions(input, mime, options) {
        failures += 1;
        if (failures <= 1) {
          if (!Buffer.isBuffer(input)) input.destroy();
          throw new ImagingError('timeout', 'took too long');
        }
        return h.deps.imaging.makeRenditions(input, mime, options);
      },
    };
    const deps = { ...h.deps, imaging: flaky };
    const { body: item } = await uploadFile(h.app, owner, await makeImage('jpeg', 200, 100), 'flaky.jpg');
    expect(await drainRenditionJobs(deps)).toEqual(['retrying']);
    const [job] = await jobRows(h);
    expect(job).toMatchObject({ mediaId: item.id, attempts: 1, leaseId: null, lastError: 'took too long' });
    // Not due yet: nothing runs until the backoff has passed.
    expect(await drainRenditionJobs(deps)).toEqual([]);
    clock.advance(h.deps.config.renditions.retryBaseMs + 1);
    expect(await drainRenditionJobs(deps)).toEqual(['made']);
    expect((await mediaRow(h, item.id)).placeholder).not.toBeNull();
  });

  it('gives up after the last attempt instead of looping', async () => {
    const broken: ImagingPort = {
      ...h.deps.imaging,
      async makeRenditions(input) {
        if (!Buffer.isBuffer(input)) input.destroy();
        throw new Error('image service exited with null');
      },
    };
    const deps = { ...h.deps, imaging: broken };
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png', 50, 50), 'doomed.png');
    const outcomes = [];
    for (let i = 0; i < 10; i++) {
      outcomes.push(...(await drainRenditionJobs(deps)));
      clock.advance(h.deps.config.renditions.retryBaseMs * 2 ** i + 1);
    }
    const max = h.deps.config.renditions.maxAttempts;
    expect(outcomes).toEqual([...Array<string>(max - 1).fill('retrying'), 'failed']);
    expect((await mediaRow(h, item.id)).renditionError).toBe('image service exited with null');
  });
});

describe('a worker that dies mid-job', () => {
  it('leaves its job to be picked up again once the lease runs out, with nothing orphaned', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('jpeg', 640, 480), 'crash.jpg');
    // A worker takes the job, records its intents, writes the thumbnail, and dies before finishing.
    const dead = await h.deps.db.renditionJobs.claim(clock.now(), h.deps.config.renditions.leaseMs, 'dead-worker');
    expect(dead?.target).toEqual({ kind: 'media', id: item.id });
    const thumbnailKey = renditionKeyFor(item.filePath, 'thumbnail');
    await h.deps.db.storageIntents.add(BUCKETS.userMedia, thumbnailKey);
    await h.deps.storage.put(BUCKETS.userMedia, thumbnailKey, Buffer.from('half-made'), { contentType: 'image/webp' });

    // While its lease lasts nobody else runs it, and the sweep leaves its object alone.
    expect(await runRenditionJob(h.deps)).toBeNull();
    const early = await sweepStorage(h.deps, { graceMs: 0 });
    expect(early?.deleted).toBe(0);
    expect(await h.objects(BUCKETS.userMedia)).toContain(thumbnailKey);

    clock.advance(h.deps.config.renditions.leaseMs + 1);
    expect((await runRenditionJob(h.deps))?.outcome).toBe('made');
    const row = await mediaRow(h, item.id);
    expect(row.thumbnailPath).toBe(thumbnailKey);
    expect((await sharp(await stored(thumbnailKey)).metadata()).format).toBe('webp');
    // The dead worker's lease is gone with its job: it can no longer finish anything.
    expect(await h.deps.db.renditionJobs.complete(dead!.id, 'dead-worker')).toBe(false);
    const intents = await h.sql.select().from(schema.storageIntents).where(eq(schema.storageIntents.path, thumbnailKey));
    expect(intents).toEqual([]);
  });

  it('throws away what it made for an item deleted while it worked', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('jpeg', 64, 64), 'gone.jpg');
    let release!: () => void;
    let running!: ReturnType<typeof runRenditionJob>;
    const started = new Promise<void>((resolve) => {
      const gate = new Promise<void>((r) => (release = r));
      const slow: ImagingPort = {
        ...h.deps.imaging,
        async makeRenditions(input, mime) {
          resolve();
          await gate;
          return h.deps.imaging.makeRenditions(input, mime);
        },
      };
      running = runRenditionJob({ ...h.deps, imaging: slow });
    });
    await started;
    expect((await call(h.app, `/api/user/media/${item.id}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204);
    release();
    expect((await running)?.outcome).toBe('lost');
    await sweepStorage(h.deps, { graceMs: 0 });
    expect((await h.objects(BUCKETS.userMedia)).filter((k) => k.startsWith(item.filePath))).toEqual([]);
  });
});

describe('two processes', () => {
  it('never take the same job, and make every item once', async () => {
    // Its own connections to this file's database (PGlite lives in one process: there it is shared).
    const second = h.deps.db.url ? createDatabase(await connect({ url: h.deps.db.url, poolSize: 2 })) : h.deps.db;
    const other = { ...h.deps, db: second };
    try {
      const items = [];
      for (let i = 0; i < 4; i++)
        items.push((await uploadFile(h.app, owner, await makeImage('jpeg', 300, 200), `p${i}.jpg`)).body);
      const held = await h.deps.db.renditionJobs.claim(clock.now(), 60_000, 'first-process');
      expect(held).not.toBeNull();
      // The job one process holds is invisible to the other.
      const taken = [];
      for (let job; (job = await other.db.renditionJobs.claim(clock.now(), 60_000, 'second-process'));) taken.push(job);
      expect(taken.map((j) => j.target.id)).not.toContain(held!.target.id);
      expect(taken).toHaveLength(3);
      for (const job of [held!, ...taken]) {
        await (job === held ? h.deps.db : other.db).renditionJobs.retry(job.id, job.leaseId, clock.now(), 'handed back');
      }
      const [a, b] = await Promise.all([drainRenditionJobs(h.deps), drainRenditionJobs(other)]);
      expect([...a, ...b]).toEqual(['made', 'made', 'made', 'made']);
      for (const item of items) expect((await mediaRow(h, item.id)).placeholder).not.toBeNull();
    } finally {
      if (second !== h.deps.db) await second.close();
    }
  });
});

describe('removal', () => {
  it('takes an item’s renditions and stripped copy with it', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('jpeg', 800, 600), 'bye.jpg');
    await drainRenditionJobs(h.deps);
    expect((await h.objects(BUCKETS.userMedia)).filter((k) => k.startsWith(item.filePath))).toHaveLength(3);
    expect((await call(h.app, `/api/user/media/${item.id}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204);
    expect((await h.objects(BUCKETS.userMedia)).filter((k) => k.startsWith(item.filePath))).toEqual([]);
    expect(strippedKeyFor(item.filePath)).toBe(`${item.filePath}.stripped.jpg`);
  });
});

describe('community copies', () => {
  it('get watermarked renditions of their own in the public bucket, removed when unshared', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('jpeg', 1200, 900), 'public.jpg');
    await drainRenditionJobs(h.deps);
    const shared = await share(h, owner, item.id, { shareToCommunity: true, tags: ['night'], policyAgreed: true });
    expect(shared.status).toBe(200);
    const before = await call(h.app, `/api/community/${shared.body.communityMediaId}`);
    expect(before.body).toMatchObject({ thumbnailUrl: null, previewUrl: null, placeholder: null });
    expect(await drainRenditionJobs(h.deps)).toEqual(['made']);
    const { body } = await call(h.app, `/api/community/${shared.body.communityMediaId}`);
    const copyKey = new URL(body.url).pathname.split('/general/')[1];
    expect(body.thumbnailUrl).toBe(h.deps.storage.publicUrl(BUCKETS.general, `${copyKey}.thumbnail.webp`));
    expect(body.previewUrl).toBe(h.deps.storage.publicUrl(BUCKETS.general, `${copyKey}.preview.webp`));
    const preview = await h.fetchPublic(body.previewUrl);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/webp');
    // Marked: the preview differs from an unmarked rendition of the same picture in the mark's corner.
    const marked = await sharp(Buffer.from(await preview.arrayBuffer()))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const plain = await sharp(await stored(renditionKeyFor(item.filePath, 'preview')))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([marked.info.width, marked.info.height]).toEqual([plain.info.width, plain.info.height]);
    const at = (img: typeof marked, x: number, y: number) => img.data[(y * img.info.width + x) * img.info.channels];
    const { width: w, height: ht } = marked.info;
    let differ = 0;
    for (let y = Math.floor(ht * 0.8); y < ht - 20; y += 4)
      for (let x = Math.floor(w * 0.8); x < w - 20; x += 4) if (Math.abs(at(marked, x, y)! - at(plain, x, y)!) > 30) differ += 1;
    expect(differ).toBeGreaterThan(10);

    await share(h, owner, item.id, { shareToCommunity: false });
    expect((await h.objects(BUCKETS.general)).filter((k) => k.startsWith(copyKey!))).toEqual([]);
  });
});

describe('the backfill', () => {
  it('makes what existing items lack, with progress, and queues nothing twice', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('jpeg', 500, 400), 'old.jpg');
    // As an item from before renditions existed: no job, no renditions.
    await h.sql.delete(schema.renditionJobs).where(eq(schema.renditionJobs.mediaId, item.id));
    const seen: { done: number; remaining: number }[] = [];
    const result = await backfillRenditions(h.deps, { batchSize: 2, onProgress: (p) => seen.push({ ...p }) });
    expect(result).toEqual({ queued: 1, done: 1, remaining: 0 });
    expect(seen).toEqual([
      { queued: 1, done: 0, remaining: 1 },
      { queued: 1, done: 1, remaining: 0 },
    ]);
    expect((await mediaRow(h, item.id)).placeholder).not.toBeNull();
    expect(await backfillRenditions(h.deps)).toEqual({ queued: 0, done: 0, remaining: 0 });
  });
});
