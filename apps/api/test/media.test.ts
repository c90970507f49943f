import { connect as netConnect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, fileForm, uploadFile, type TestUser } from './support/factories';
import { makeImage, makePngBomb, readFixture } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { listen } from './support/server';

const MAX_UPLOAD_BYTES = 256 * 1024;

let h: Harness;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  h = await createHarness({ env: { MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES), MAX_IMAGE_PIXELS: '4000000' } });
  alice = await createUser(h.app);
  bob = await createUser(h.app);
});
afterAll(() => h.close());

const vaultRows = async (user: TestUser) =>
  (await call(h.app, '/api/user/media?limit=100', { cookie: user.cookie })).body.items as { id: number }[];

/** Asserts a refused upload left nothing: no row for the user, no object or temp file on disk. */
const expectNothingStored = async (user: TestUser) => {
  expect(await vaultRows(user)).toEqual([]);
  expect((await h.objects('user-media')).filter((key) => key.startsWith(`${user.id}/`))).toEqual([]);
  expect(await h.objects('.tmp')).toEqual([]);
};

describe('upload', () => {
  it.each([
    ['jpeg', 'image/jpeg', 'jpg'],
    ['png', 'image/png', 'png'],
    ['webp', 'image/webp', 'webp'],
    ['gif', 'image/gif', 'gif'],
  ] as const)('stores a %s image under <userId>/uploads/ with its measured size', async (format, mimeType, ext) => {
    const bytes = await makeImage(format, 120, 80);
    const res = await uploadFile(h.app, alice, bytes, `holiday.${ext}`);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      fileName: `holiday.${ext}`,
      mimeType,
      size: bytes.length,
      width: 120,
      height: 80,
      source: 'upload',
      isShared: false,
      shareToCommunity: false,
      shareCode: null,
      shareUrl: null,
    });
    expect(res.body.filePath).toMatch(new RegExp(`^${alice.id}/uploads/[0-9a-f]{32}\\.${ext}$`));
    expect(await h.objects('user-media')).toContain(res.body.filePath);
  });

  it.each([
    ['clip.mp4', 'video/mp4'],
    ['clip.webm', 'video/webm'],
    ['clip.mov', 'video/quicktime'],
  ])('stores a video (%s) as %s', async (name, mimeType) => {
    const bytes = readFixture(name);
    const res = await uploadFile(h.app, alice, bytes, name);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mimeType, size: bytes.length, width: null, height: null });
  });

  it('decides the type from the bytes, not the name or the declared type', async () => {
    const png = await makeImage('png');
    const res = await uploadFile(h.app, alice, png, 'photo.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.body.mimeType).toBe('image/png');
    expect(res.body.filePath).toMatch(/\.png$/);
  });

  it.each([
    ['an HTML page', Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), 'page.jpg', 'image/jpeg'],
    [
      'an SVG image',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'logo.svg',
      'image/svg+xml',
    ],
    ['a script renamed .jpg', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'cat.jpg', 'image/jpeg'],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'doc.png', 'image/png'],
    ['an empty file', Buffer.alloc(0), 'empty.jpg', 'image/jpeg'],
  ])('refuses %s with 415 and stores nothing', async (_what, bytes, name, type) => {
    const user = await createUser(h.app);
    const res = await uploadFile(h.app, user, bytes, name, type);
    expect(res.status).toBe(415);
    expect(res.body.message).toMatch(/Unsupported file type/);
    await expectNothingStored(user);
  });

  it('refuses a file over MAX_UPLOAD_BYTES with 413 and leaves no partial object or row', async () => {
    const user = await createUser(h.app);
    const big = Buffer.concat([readFixture('clip.mp4'), Buffer.alloc(MAX_UPLOAD_BYTES)]);
    const res = await uploadFile(h.app, user, big, 'big.mp4');
    expect(res.status).toBe(413);
    await expectNothingStored(user);
  });

  it('refuses a body whose declared length is over the limit before reading it', async () => {
    const user = await createUser(h.app);
    const res = await call(h.app, '/api/user/media', {
      method: 'POST',
      cookie: user.cookie,
      body: 'x',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(MAX_UPLOAD_BYTES * 2) },
    });
    expect(res.status).toBe(413);
    await expectNothingStored(user);
  });

  it('refuses an image over the pixel limit with 422 from its header alone, quickly', async () => {
    const user = await createUser(h.app);
    const bomb = makePngBomb(20_000, 20_000); // 400 MP declared, a few hundred bytes on the wire
    const started = performance.now();
    const res = await uploadFile(h.app, user, bomb, 'bomb.png');
    const elapsed = performance.now() - started;
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/20000x20000/);
    // Not a timing assertion on the machine's speed: decoding 400 MP would take seconds and gigabytes.
    expect(elapsed).toBeLessThan(2000);
    await expectNothingStored(user);
  });

  it('answers 400 without a file part or without multipart at all', async () => {
    const form = new FormData();
    form.append('note', 'no file here');
    const noFile = await call(h.app, '/api/user/media', { method: 'POST', body: form, cookie: alice.cookie });
    expect(noFile.status).toBe(400);
    expect(noFile.body.message).toBe('Missing file field "file"');
    const json = await call(h.app, '/api/user/media', { json: { file: 'abc' }, cookie: alice.cookie });
    expect(json.status).toBe(400);
    expect(json.body.message).toMatch(/multipart\/form-data/);
  });

  it('answers 401 without a session and stores nothing', async () => {
    const before = await h.objects('user-media');
    const res = await call(h.app, '/api/user/media', { method: 'POST', body: fileForm(await makeImage('png')) });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'Authentication required' });
    expect(await h.objects('user-media')).toEqual(before);
  });

  it('refuses a cross-origin upload carrying the session cookie with 403 and stores nothing', async () => {
    const user = await createUser(h.app);
    const res = await call(h.app, '/api/user/media', {
      method: 'POST',
      body: fileForm(await makeImage('png')),
      cookie: user.cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    await expectNothingStored(user);
  });

  it('keeps nothing when the client disconnects mid-upload', async () => {
    const user = await createUser(h.app);
    const server = await listen(h.app);
    try {
      const head = readFixture('clip.mp4');
      const boundary = 'XBOUNDARYX';
      const preamble = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.mp4"\r\nContent-Type: video/mp4\r\n\r\n`;
      const socket = netConnect(server.port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `POST /api/user/media HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${user.cookie}\r\n` +
          `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${200 * 1024}\r\n\r\n`,
      );
      socket.write(preamble);
      socket.write(head);
      socket.write(Buffer.alloc(32 * 1024, 1));
      await sleep(300);
      socket.destroy();
      // Give the server a moment to notice and clean up.
      for (let i = 0; i < 50 && (await h.objects('.tmp')).length > 0; i++) await sleep(50);
      await sleep(200);
      await expectNothingStored(user);
    } finally {
      await server.close();
    }
  });
});

describe('list', () => {
  it('lists only the caller’s media, newest first, with a cursor', async () => {
    const user = await createUser(h.app);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await uploadFile(h.app, user, await makeImage('png', 10 + i, 10))).body.id);
    await uploadFile(h.app, bob, await makeImage('png'));

    const first = await call(h.app, '/api/user/media?limit=2', { cookie: user.cookie });
    expect(first.status).toBe(200);
    expect(first.body.items.map((m: { id: number }) => m.id)).toEqual([ids[4], ids[3]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call(h.app, `/api/user/media?limit=2&cursor=${first.body.nextCursor}`, { cookie: user.cookie });
    expect(second.body.items.map((m: { id: number }) => m.id)).toEqual([ids[2], ids[1]]);
    const third = await call(h.app, `/api/user/media?limit=2&cursor=${second.body.nextCursor}`, { cookie: user.cookie });
    expect(third.body.items.map((m: { id: number }) => m.id)).toEqual([ids[0]]);
    expect(third.body.nextCursor).toBeNull();
  });

  it.each([
    ['limit=0', /"limit"/],
    ['limit=abc', /"limit"/],
    ['limit=101', /"limit"/],
    ['cursor=not-a-cursor', /Invalid cursor/],
  ])('answers 400 for %s', async (query, message) => {
    const res = await call(h.app, `/api/user/media?${query}`, { cookie: alice.cookie });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('answers 401 without a session', async () => {
    const res = await call(h.app, '/api/user/media');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'Authentication required' });
  });
});

describe('the original file', () => {
  it('streams the original to its owner, whole or by Range', async () => {
    const bytes = readFixture('clip.webm');
    const { body: item } = await uploadFile(h.app, alice, bytes, 'clip.webm');

    const whole = await call(h.app, `/api/user/media/${item.id}/file`, { cookie: alice.cookie });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/webm');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await whole.raw.arrayBuffer()).equals(bytes)).toBe(true);

    const part = await call(h.app, `/api/user/media/${item.id}/file`, {
      cookie: alice.cookie,
      headers: { range: 'bytes=100-199' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await part.raw.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);

    const tail = await call(h.app, `/api/user/media/${item.id}/file`, { cookie: alice.cookie, headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.raw.arrayBuffer()).equals(bytes.subarray(bytes.length - 10))).toBe(true);

    const outside = await call(h.app, `/api/user/media/${item.id}/file`, {
      cookie: alice.cookie,
      headers: { range: `bytes=${bytes.length + 5}-` },
    });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
  });
});

describe('delete', () => {
  it('removes the row and the object', async () => {
    const { body: item } = await uploadFile(h.app, alice, await makeImage('jpeg'));
    const res = await call(h.app, `/api/user/media/${item.id}`, { method: 'DELETE', cookie: alice.cookie });
    expect(res.status).toBe(204);
    expect(await h.objects('user-media')).not.toContain(item.filePath);
    expect((await call(h.app, `/api/user/media/${item.id}`, { cookie: alice.cookie })).status).toBe(404);
  });
});

describe('ownership and ids', () => {
  const routes = (id: string | number) =>
    [
      ['GET', `/api/user/media/${id}`],
      ['GET', `/api/user/media/${id}/file`],
      ['DELETE', `/api/user/media/${id}`],
    ] as const;

  it('answers another user’s id exactly like a missing one, and changes nothing', async () => {
    const { body: item } = await uploadFile(h.app, alice, await makeImage('png'));
    for (const [method, path] of routes(item.id)) {
      const theirs = await call(h.app, path, { method, cookie: bob.cookie });
      const missing = await call(h.app, path.replace(String(item.id), '2147483000'), { method, cookie: bob.cookie });
      expect(theirs.status).toBe(404);
      expect(theirs.body).toEqual({ message: 'Media not found' });
      expect(missing.body).toEqual(theirs.body);
    }
    expect((await call(h.app, `/api/user/media/${item.id}`, { cookie: alice.cookie })).status).toBe(200);
    expect(await h.objects('user-media')).toContain(item.filePath);
  });

  it.each(['abc', '-1', '0', '1.5', '1e3', '%20', '2147483648'])('answers 400 Invalid media ID for %s', async (id) => {
    for (const [method, path] of routes(id)) {
      const res = await call(h.app, path, { method, cookie: alice.cookie });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: 'Invalid media ID' });
    }
  });

  it('answers 401 before looking at the id when there is no session', async () => {
    for (const [method, path] of routes(1)) {
      const res = await call(h.app, path, { method });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: 'Authentication required' });
    }
  });
});
