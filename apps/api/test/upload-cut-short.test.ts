import { connect as netConnect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StoragePort } from '@mediashare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { listen } from './support/server';

let h: Harness;
/** Called when an upload reaches storage: its first bytes have been taken in by the handler. */
let onPut: () => void = () => {};
beforeAll(async () => {
  h = await createHarness({
    captureLogs: true,
    wrapPorts: (storage, database) => ({
      storage: Object.assign(Object.create(storage) as StoragePort, {
        put: (...args: Parameters<StoragePort['put']>) => {
          onPut();
          return storage.put(...args);
        },
      }),
      database,
    }),
  });
});
afterAll(() => h.close());

const BOUNDARY = 'CUTSHORTBOUNDARY';
const partHead = (fileName: string) =>
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: image/png\r\n\r\n`,
  );

const expectNothingStored = async (user: TestUser) => {
  expect((await call(h.app, '/api/user/media', { cookie: user.cookie })).body.items).toEqual([]);
  expect((await h.objects('user-media')).filter((key) => key.startsWith(`${user.id}/`))).toEqual([]);
};

const upload = (user: TestUser, body: Buffer) =>
  call(h.app, '/api/user/media', {
    method: 'POST',
    cookie: user.cookie,
    body,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });

/** Log lines of this harness about one request path that are at error level (50) or above. */
const errorLines = () => h.logs.filter((line) => (line.level as number) >= 50);

describe('a multipart body cut short', () => {
  it('answers 400 with the catalog message when the body ends inside the file, and stores nothing', async () => {
    const user = await createUser(h.app);
    const image = await makeImage('png', 300, 200);
    const before = errorLines().length;
    const res = await upload(user, Buffer.concat([partHead('cut.png'), image.subarray(0, image.length - 10)]));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Multipart body ended before its closing boundary; send the whole file again' });
    expect(errorLines().length).toBe(before);
    await expectNothingStored(user);
  });

  it('answers 400 when the body ends inside the part header, and 400 for one that is no multipart at all', async () => {
    const user = await createUser(h.app);
    const inHeader = await upload(user, partHead('cut.png').subarray(0, 40));
    expect(inHeader.status).toBe(400);
    expect(inHeader.body.message).toMatch(
      /^(Multipart body ended before its closing boundary|Malformed multipart body|Missing file field)/,
    );
    const garbage = await upload(user, Buffer.from('this is not a multipart body at all'));
    expect(garbage.status).toBe(400);
    await expectNothingStored(user);
  });

  it('answers 400 over a real socket when the declared length ends before the closing boundary', async () => {
    const user = await createUser(h.app);
    const server = await listen(h.app);
    try {
      const image = await makeImage('png', 300, 200);
      const body = Buffer.concat([partHead('cut.png'), image]);
      const res = await fetch(`${server.url}/api/user/media`, {
        method: 'POST',
        headers: { cookie: user.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        body,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        message: 'Multipart body ended before its closing boundary; send the whole file again',
      });
      await expectNothingStored(user);
    } finally {
      await server.close();
    }
  });

  it('logs a client that hangs up mid-upload at info, not as an error, and keeps nothing', async () => {
    const user = await createUser(h.app);
    const server = await listen(h.app);
    const before = errorLines().length;
    const refusalsBefore = h.logs.filter((line) => line.code === 'uploadInterrupted').length;
    try {
      const image = await makeImage('png', 300, 200);
      const socket = netConnect(server.port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `POST /api/user/media HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${user.cookie}\r\n` +
          `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${1024 * 1024}\r\n\r\n`,
      );
      const reachedStorage = new Promise<void>((resolve) => (onPut = resolve));
      socket.write(partHead('gone.png'));
      // More than the server sniffs before it starts writing (the flat test image is a few hundred bytes).
      socket.write(Buffer.concat([image, Buffer.alloc(64 * 1024, 7)]));
      // Hang up once the handler has taken the upload in and is streaming it to storage.
      await reachedStorage;
      socket.destroy();
      // The server notices the hang-up on its own schedule; wait for its log line, not for a fixed time.
      for (let i = 0; i < 800 && h.logs.filter((line) => line.code === 'uploadInterrupted').length === refusalsBefore; i++)
        await sleep(25);
      const refusal = h.logs.filter((line) => line.code === 'uploadInterrupted').at(-1);
      expect(refusal).toMatchObject({ level: 30, status: 400, msg: 'request refused' });
      expect(errorLines().slice(before)).toEqual([]);
      await expectNothingStored(user);
    } finally {
      await server.close();
    }
  });
});
