import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uniqueName, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { spawnServer, type SpawnedServer } from './support/spawn-server';

/** JSON bodies only as application/json, and the answers Node gives before the app in the API's JSON format. */
let h: Harness;
let owner: TestUser;
beforeAll(async () => {
  h = await createHarness();
  owner = await createUser(h.app);
});
afterAll(() => h.close());

const JSON_REQUIRED = { message: 'Expected a JSON body sent with Content-Type: application/json' };

describe('JSON routes', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'text/plain;charset=UTF-8', undefined])(
    'refuse a JSON body sent as %s with 415 and change nothing',
    async (type) => {
      const { body: item } = await uploadFile(h.app, owner, await makeImage('png'), 'photo.png');
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      const send = (path: string, body: unknown) =>
        call(h.app, path, { body: JSON.stringify(body), headers, cookie: owner.cookie });

      const share = await send(`/api/media/${item.id}/share`, { shareToCommunity: false });
      expect(share.status).toBe(415);
      expect(share.body).toEqual(JSON_REQUIRED);
      const [row] = await h.sql.select().from(schema.media).where(eq(schema.media.id, item.id));
      expect(row).toMatchObject({ isShared: false, shareCode: null });

      const byPath = await send('/api/user/media/share', { filePath: item.filePath, shareToCommunity: false });
      expect(byPath).toMatchObject({ status: 415, body: JSON_REQUIRED });

      const token = await send('/api/user/tokens', { name: 'plain', scopes: ['read'] });
      expect(token).toMatchObject({ status: 415, body: JSON_REQUIRED });
      expect((await call(h.app, '/api/user/tokens', { cookie: owner.cookie })).body).toEqual([]);

      const name = uniqueName();
      const account = { email: `${name}@example.test`, username: name, password: 'long enough password' };
      expect(await send('/api/auth/register', account)).toMatchObject({ status: 415, body: JSON_REQUIRED });
      expect(await h.deps.db.users.findByLogin(name)).toBeNull();
      expect(await send('/api/auth/login', { email: owner.email, password: owner.password })).toMatchObject({
        status: 415,
        body: JSON_REQUIRED,
      });
    },
  );

  it('take application/json with parameters, and an empty body with no type (the documented defaults apply)', async () => {
    const { body: item } = await uploadFile(h.app, owner, await makeImage('png'), 'photo.png');
    const res = await call(h.app, `/api/media/${item.id}/share`, {
      body: JSON.stringify({ shareToCommunity: false }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
      cookie: owner.cookie,
    });
    expect(res.status).toBe(200);
    // No body: shareToCommunity defaults to true, which an upload cannot do without the policy agreement.
    const empty = await call(h.app, `/api/media/${item.id}/share`, { method: 'POST', cookie: owner.cookie });
    expect(empty).toMatchObject({ status: 400, body: { message: 'Policy confirmation is required for upload sharing' } });
  });
});

describe('tRPC', () => {
  it.each([{ 'content-type': 'text/plain' }, {}])(
    'answers a body sent as %j with 415 in its JSON error shape',
    async (headers) => {
      const res = await h.app.request('/trpc/auth.login', {
        method: 'POST',
        headers,
        body: JSON.stringify({ email: owner.email, password: owner.password }),
      });
      expect(res.status).toBe(415);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({
        error: { message: JSON_REQUIRED.message, code: -32015, data: { code: 'UNSUPPORTED_MEDIA_TYPE', httpStatus: 415 } },
      });
      expect(res.headers.get('set-cookie')).toBeNull();
    },
  );
});

describe('requests Node refuses before the app', () => {
  let server: SpawnedServer;
  beforeAll(async () => {
    server = await spawnServer();
  }, 120_000);
  afterAll(() => server?.stop());

  /** Sends raw bytes and returns the whole answer, which the server ends with the connection. */
  const raw = (bytes: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write(bytes));
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });

  const parse = (answer: string) => {
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    return { status: Number(head.split(' ')[1]), head, body: JSON.parse(body) as unknown };
  };

  it('answers headers over the limit with 431 and a JSON message', async () => {
    const status = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/auth/me`, { headers: { 'x-filler': 'a'.repeat(32 * 1024) } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status.status).toBe(431);
    expect(status.type).toMatch(/^application\/json/);
    expect(JSON.parse(status.body)).toEqual({ message: 'Request headers are too large' });
  });

  it('answers a malformed request with 400 and a JSON message', async () => {
    const answer = parse(await raw('GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(answer.head).toMatch(/content-type: application\/json/i);
    expect(answer.body).toEqual({ message: 'Malformed HTTP request' });
  });

  it('still serves well-formed requests on the same server', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
