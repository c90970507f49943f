import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { listen } from './support/server';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ captureLogs: true });
});
afterAll(() => h.close());

describe('health, request ids and logs', () => {
  it('GET /healthz answers ok', async () => {
    const res = await call(h.app, '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('gives every request an id, echoes a sane incoming one, and puts it on every log line of the request', async () => {
    const own = await call(h.app, '/healthz', { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(own.headers.get('x-request-id')).toBe('trace-abc-123');
    const insane = await call(h.app, '/healthz', { headers: { 'x-request-id': 'bad id with spaces\n' } });
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    h.logs.length = 0;
    const user = await createUser(h.app);
    await call(h.app, '/api/auth/login', {
      json: { email: user.email, password: 'wrong password' },
      headers: { 'x-request-id': 'login-1' },
    });
    const lines = h.logs.filter((l) => l.reqId === 'login-1');
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['sign-in failed', 'request']));
    // Lines written inside a request always carry its id.
    expect(
      h.logs
        .filter((l) => l.msg === 'request' || l.msg === 'sign-in failed' || l.msg === 'user registered')
        .every((l) => typeof l.reqId === 'string'),
    ).toBe(true);
    // Secrets never reach the log.
    expect(JSON.stringify(h.logs)).not.toContain('wrong password');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await call(h.app, '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'Not found' });
  });

  it('refuses an oversized JSON body with 413', async () => {
    const res = await call(h.app, '/api/auth/login', { json: { email: 'x'.repeat(100_000), password: 'x' } });
    expect(res.status).toBe(413);
  });
});

describe('JSON bodies on the Node server', () => {
  it('are refused by their declared length before they are read, and taken within it', async () => {
    const server = await listen(h.app);
    try {
      const post = (body: string) =>
        fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const big = await post(JSON.stringify({ email: 'x'.repeat(70 * 1024), password: 'x' }));
      expect(big.status).toBe(413);
      expect(await big.json()).toEqual({ message: 'Request body is larger than 65536 bytes' });
      const small = await post(JSON.stringify({ email: 'nobody@example.test', password: 'wrong password' }));
      expect(small.status).toBe(401);
      // The request id reaches the wire on the Node server too, on errors and on answers.
      expect(small.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const health = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'wire-1' } });
      expect(health.headers.get('x-request-id')).toBe('wire-1');
    } finally {
      await server.close();
    }
  });
});

describe('JSON bodies without a declared length', () => {
  it('are held to the same limit when they arrive chunked', async () => {
    const server = await listen(h.app);
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          `${server.url}/api/auth/login`,
          { method: 'POST', headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        // No Content-Length: Node sends the body chunked.
        req.write('{"email":"');
        req.write('x'.repeat(80 * 1024));
        req.end('","password":"x"}');
      });
      expect(status).toBe(413);
    } finally {
      await server.close();
    }
  });
});
