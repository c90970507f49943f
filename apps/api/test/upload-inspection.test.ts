import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';

// The default pixel limit (50 MP), so a 60-frame 1000x1000 animation is over it only when frames count.
let h: Harness;
let alice: TestUser;
beforeAll(async () => {
  h = await createHarness();
  alice = await createUser(h.app);
});
afterAll(() => h.close());

/** An animated WebP of `frames` distinct flat frames, made by sharp. */
const animatedWebp = (width: number, height: number, frames: number) => {
  const raw = Buffer.alloc(width * height * frames * 3);
  for (let f = 0; f < frames; f++) raw.fill((f * 37) % 256, f * width * height * 3, (f + 1) * width * height * 3);
  return sharp(raw, { raw: { width, height: height * frames, channels: 3, pageHeight: height } })
    .webp({ effort: 0, quality: 50, loop: 0 })
    .toBuffer();
};

const expectNothingStored = async (user: TestUser) => {
  expect((await call(h.app, '/api/user/media', { cookie: user.cookie })).body.items).toEqual([]);
  expect((await h.objects('user-media')).filter((key) => key.startsWith(`${user.id}/`))).toEqual([]);
};

describe('upload inspection', () => {
  it('counts every frame of an animated WebP against the pixel limit: 60 x 1000x1000 is a 422', async () => {
    const user = await createUser(h.app);
    const bytes = await animatedWebp(1000, 1000, 60);
    expect((await sharp(bytes).metadata()).pages).toBe(60);
    const res = await uploadFile(h.app, user, bytes, 'frames.webp');
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/^Image is 1000x1000 with \d+ frames \(\d+ pixels\); the limit is 50000000 pixels$/);
    await expectNothingStored(user);
  });

  it('accepts an animation within the limit', async () => {
    const bytes = await animatedWebp(200, 100, 10);
    const res = await uploadFile(h.app, alice, bytes, 'short.webp');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mimeType: 'image/webp', width: 200, height: 100, size: bytes.length });
  });

  it('refuses a small JPEG followed by padding its pixels cannot justify with a 422', async () => {
    const user = await createUser(h.app);
    const padded = Buffer.concat([await makeImage('jpeg', 640, 480), Buffer.alloc(24 * 1024 * 1024, 0x5a)]);
    const res = await uploadFile(h.app, user, padded, 'padded.jpg');
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(
      'Image file is larger than a 640x480 image can need (more than 18.3 MB); it carries other data',
    );
    await expectNothingStored(user);
  });
});
