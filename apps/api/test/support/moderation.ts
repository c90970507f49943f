import sharp from 'sharp';
import { armable } from './faults';
import { createUser, type TestUser } from './factories';
import { createHarness, STORAGE_DRIVER, type Harness } from './harness';

/** A small picture with structure of its own (gradients and blocks from `seed`), unlike any other seed's. */
export const patternImage = async (seed: number, format: 'png' | 'jpeg' = 'png', width = 96, height = 72) => {
  let state = seed * 2654435761 + 1;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const blocks = Array.from({ length: 6 }, () => ({
    x: random() * width,
    y: random() * height,
    w: 8 + random() * width * 0.5,
    h: 8 + random() * height * 0.5,
    v: random() * 255,
  }));
  const data = Buffer.alloc(width * height * 3);
  const angle = random() * Math.PI * 2;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let v = 128 + 100 * Math.sin((x * Math.cos(angle) + y * Math.sin(angle)) / (6 + (seed % 7)));
      for (const b of blocks) if (x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h) v = (v + b.v) / 2;
      const i = (y * width + x) * 3;
      data[i] = v;
      data[i + 1] = (v * 0.8 + seed * 13) % 256;
      data[i + 2] = 255 - v;
    }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .toFormat(format, format === 'jpeg' ? { quality: 90 } : {})
    .toBuffer();
};

/** Makes the user an admin the way `pnpm admin:grant` does: the role on their row. */
export const makeAdmin = async (h: Harness, user: TestUser) => {
  await h.deps.db.users.setRole(user.id, 'admin');
  return user;
};

/**
 * A harness for moderation: a database of its own (takedowns add to the blocklist every community share
 * is checked against), reporters told apart by X-Forwarded-For, ports that can be made to fail, an
 * owner and an admin.
 */
export const moderationHarness = async () => {
  let arm: ReturnType<typeof armable> | undefined;
  const h = await createHarness({
    isolated: true,
    env: { TRUST_PROXY: 'true' },
    wrapPorts: (storage, database) => (arm = armable(storage, database)),
  });
  if (!arm) throw new Error('the harness did not wrap its ports');
  const owner = await createUser(h.app);
  const admin = await makeAdmin(h, await createUser(h.app));
  return { h, arm, owner, admin };
};

/** Whether a public URL answers not-found as its store does: the API's 404, or the Storage API's legacy 400 naming a 404. */
export const isPublicNotFound = async (h: Harness, url: string) => {
  const res = await h.fetchPublic(url);
  if (STORAGE_DRIVER === 'local') return res.status === 404;
  return res.status === 400 && ((await res.json()) as { statusCode: string }).statusCode === '404';
};
