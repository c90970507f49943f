import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAIN_MAX_BYTES } from '../src/http/unread-body';
import { createUser, type TestUser } from './support/factories';
import { makePngBomb } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { listen } from './support/server';

const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
const BOUNDARY = 'REFUSEDBOUNDARY';

let h: Harness;
let server: Awaited<ReturnType<typeof listen>>;
let alice: TestUser;
beforeAll(async () => {
  h = await createHarness({ env: { MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) } });
  server = await listen(h.app);
  alice = await createUser(h.app);
});
afterAll(async () => {
  await server.close();
  await h.close();
});

/** One multipart file part: `head` then `size` filler bytes, with a declared Content-Length. */
const multipart = (head: Uint8Array, size: number) =>
  Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="refused.bin"\r\n\r\n`),
    head,
    Buffer.alloc(size, 0x41),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);

const HTML = Buffer.from('<!doctype html><html><body>not an image</body></html>');

/**
 * The body as a client on a slow link sends it: 64 KB pieces a few milliseconds apart, so the server
 * answers while most of it is still to come and its reading of the rest outlasts any short drain (no
 * Content-Length: chunked). The pace decides nothing the test asserts; it only keeps the body coming.
 */
const trickle = (body: Buffer) => {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (offset >= body.length) return controller.close();
      controller.enqueue(body.subarray(offset, (offset += 64 * 1024)));
    },
  });
};

/** Node's fetch (undici): its pool reuses the connection of the previous request when it was kept. */
const upload = (body: Buffer, { slowly = false } = {}) =>
  fetch(`${server.url}/api/user/media`, {
    method: 'POST',
    headers: { cookie: alice.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: slowly ? trickle(body) : body,
    ...(slowly ? { duplex: 'half' } : {}),
  } as RequestInit);

const threeOrdinaryRequests = async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: alice.cookie } });
    statuses.push(res.status);
    await res.arrayBuffer();
  }
  return statuses;
};

describe('a refused upload leaves the client’s connection usable', () => {
  it.each([
    ['415, most of the body unread', () => multipart(HTML, 12 * 1024 * 1024), false, 415, /^Unsupported file type/],
    ['415, sent slowly', () => multipart(HTML, 12 * 1024 * 1024), true, 415, /^Unsupported file type/],
    ['415, small and sent slowly', () => multipart(HTML, 1024 * 1024), true, 415, /^Unsupported file type/],
    [
      '422 from the image header, most of the body unread',
      () => multipart(makePngBomb(20_000, 20_000), 12 * 1024 * 1024),
      false,
      422,
      /20000x20000/,
    ],
    [
      '422 from the image header, sent slowly',
      () => multipart(makePngBomb(20_000, 20_000), 12 * 1024 * 1024),
      true,
      422,
      /20000x20000/,
    ],
    [
      '413 from the declared length, none of it read',
      () => multipart(HTML, MAX_UPLOAD_BYTES + 1024 * 1024),
      false,
      413,
      /larger than the limit/,
    ],
  ] as const)(
    '%s: the answer arrives whole, then three ordinary requests succeed',
    async (_what, body, slowly, status, message) => {
      for (let round = 0; round < 3; round++) {
        const res = await upload(body(), { slowly });
        expect(res.status).toBe(status);
        expect(((await res.json()) as { message: string }).message).toMatch(message);
        expect(await threeOrdinaryRequests()).toEqual([200, 200, 200]);
      }
    },
  );

  it('reads a small refused remainder to its end and keeps the connection alive', async () => {
    const body = multipart(HTML, 2 * 1024 * 1024);
    expect(body.length).toBeLessThan(DRAIN_MAX_BYTES);
    const res = await upload(body);
    expect(res.status).toBe(415);
    expect(res.headers.get('connection')).not.toBe('close');
    await res.arrayBuffer();
    expect(await threeOrdinaryRequests()).toEqual([200, 200, 200]);
  });

  it('answers a large refused remainder with Connection: close', async () => {
    const res = await upload(multipart(HTML, 12 * 1024 * 1024));
    expect(res.status).toBe(415);
    expect(res.headers.get('connection')).toBe('close');
    await res.arrayBuffer();
  });
});
