import { request } from 'node:http';
import { connect as netConnect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { listen } from './support/server';

/**
 * The limits scaled down by configuration: a 1 s window at 64 KB/s for uploads, and 1 s for headers and
 * for the whole of any other request, standing in for Node's 300 s request timeout.
 */
const RATE = 64 * 1024;
const WINDOW_SECONDS = 1;
const REQUEST_TIMEOUT_MS = 1000;

let h: Harness;
let server: Awaited<ReturnType<typeof listen>>;
let alice: TestUser;
beforeAll(async () => {
  h = await createHarness({
    env: { UPLOAD_MIN_BYTES_PER_SEC: String(RATE), UPLOAD_WINDOW_SECONDS: String(WINDOW_SECONDS) },
  });
  server = await listen(h.app, { headersTimeoutMs: REQUEST_TIMEOUT_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS });
  alice = await createUser(h.app);
});
afterAll(async () => {
  await server.close();
  await h.close();
});

const BOUNDARY = 'PROGRESSBOUNDARY';

/**
 * Sends a multipart upload of `file` in `chunk`-byte pieces `everyMs` apart (stopping for good after
 * `stallAfter` bytes, if given) and resolves with the answer.
 */
const paced = (
  user: TestUser,
  file: Buffer,
  { chunk, everyMs, stallAfter }: { chunk: number; everyMs: number; stallAfter?: number },
) => {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="slow.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const body = Buffer.concat([head, file, tail]);
  return new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const req = request(
      `${server.url}/api/user/media`,
      {
        method: 'POST',
        headers: {
          cookie: user.cookie,
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'content-length': body.length,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    void (async () => {
      for (let offset = 0; offset < body.length; offset += chunk) {
        if (stallAfter !== undefined && offset >= stallAfter) return;
        if (req.destroyed) return;
        req.write(body.subarray(offset, offset + chunk));
        await sleep(everyMs);
      }
      req.end();
    })();
  });
};

describe('uploads judged by progress', () => {
  it('lets an upload above the minimum rate run past the request timeout', async () => {
    // A PNG followed by filler (well within what its pixels allow): about 400 KB at ~320 KB/s, five times the
    // minimum rate, so it lasts several request timeouts.
    const file = Buffer.concat([await makeImage('png', 640, 480), Buffer.alloc(400 * 1024, 1)]);
    const res = await paced(alice, file, { chunk: 32 * 1024, everyMs: 100 });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({ fileName: 'slow.png', size: file.length });
    expect(res.ms).toBeGreaterThan(REQUEST_TIMEOUT_MS);
  });

  it('cuts an upload that stalls with 408 and keeps nothing', async () => {
    const user = await createUser(h.app);
    const file = Buffer.concat([await makeImage('png', 640, 480), Buffer.alloc(400 * 1024, 1)]);
    const before = await h.objects('user-media');
    const res = await paced(user, file, { chunk: 32 * 1024, everyMs: 20, stallAfter: 96 * 1024 });
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body)).toEqual({
      message: `Upload too slow: less than ${RATE} bytes a second arrived over the last ${WINDOW_SECONDS} s`,
    });
    expect((await h.objects('user-media')).filter((key) => !before.includes(key))).toEqual([]);
  });
});

describe('other limits stay tight', () => {
  /** Writes `text` and resolves with what the server sent before closing the connection. */
  const sendAndWaitForClose = async (text: string) => {
    const socket = netConnect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString()));
    socket.write(text);
    await new Promise((resolve) => socket.once('close', resolve));
    return answer;
  };

  it('closes a connection whose headers do not arrive in time', async () => {
    const answer = await sendAndWaitForClose('POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl');
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('closes a connection whose JSON body does not arrive whole in time', async () => {
    const answer = await sendAndWaitForClose(
      'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":',
    );
    expect(answer).toBe('');
  });
});
