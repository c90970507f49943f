import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uniqueName } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';

/** What /trpc takes before any procedure runs: the JSON body limit of /api, and bounded batches. */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ env: { TRUST_PROXY: 'true', PASSWORD_HASHES_PER_IP: '1' } });
});
afterAll(() => h.close());

type TrpcError = { error: { message: string; code: number; data: { code: string; httpStatus: number; retryAfter?: number } } };

const post = (path: string, body: RequestInit['body'], headers: Record<string, string> = {}) =>
  h.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);

/** A body of `total` bytes made only as it is read; `pulled` says how much the server asked for. */
const lazyBody = (total: number) => {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      state.pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, state };
};

describe('the tRPC body limit', () => {
  it('refuses a declared body over 64 KB with 413 in tRPC’s error shape', async () => {
    const body = JSON.stringify({ email: 'someone', password: 'x'.repeat(300 * 1024) });
    const res = await post('/trpc/auth.login', body, { 'content-length': String(Buffer.byteLength(body)) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      error: {
        message: 'Request body is larger than 65536 bytes',
        code: -32013,
        data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 },
      },
    });
  });

  it('stops reading a body with no declared length once it passes 64 KB', async () => {
    const { stream, state } = lazyBody(300 * 1024 * 1024);
    const res = await post('/trpc/auth.register', stream);
    expect(res.status).toBe(413);
    expect(((await res.json()) as TrpcError).error.data.httpStatus).toBe(413);
    // Two chunks of 64 KB (and perhaps one read ahead), not 300 MB.
    expect(state.pulled).toBeLessThanOrEqual(3 * 64 * 1024);
  });

  it('still takes a body under the limit', async () => {
    const user = await createUser(h.app);
    const res = await post('/trpc/auth.login', JSON.stringify({ email: user.email, password: user.password }));
    expect(res.status).toBe(200);
  });
});

describe('tRPC batches', () => {
  const batch = (paths: string[]) =>
    h.app.request(`/trpc/${paths.join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`);

  it('take at most 10 calls', async () => {
    expect((await batch(Array.from({ length: 10 }, () => 'tags.list'))).status).toBe(200);
    const res = await batch(Array.from({ length: 11 }, () => 'tags.list'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as TrpcError).error).toMatchObject({
      message: 'A batch may hold at most 10 calls',
      data: { code: 'BAD_REQUEST', httpStatus: 400 },
    });
  });

  it('never carry a sign-in or a registration beside another call, but a batch of one is fine (the SPA sends those)', async () => {
    const user = await createUser(h.app);
    const name = uniqueName();
    const account = { email: `${name}@example.test`, username: name, password: 'long enough password' };
    const refused = await post('/trpc/auth.register,auth.me?batch=1', JSON.stringify({ 0: account }));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as TrpcError).error.message).toBe(
      'auth.register cannot be batched; send it in a request of its own',
    );
    // Nothing was created.
    expect((await call(h.app, '/api/auth/login', { json: { email: account.email, password: account.password } })).status).toBe(
      401,
    );
    const alone = await post('/trpc/auth.login?batch=1', JSON.stringify({ 0: { email: user.email, password: user.password } }));
    expect(alone.status).toBe(200);
  });
});

describe('password hashing per address', () => {
  /** Occupies an address's hashing lane (one running, four waiting) until `release` is called. */
  const occupy = (address: string) => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const runs = Array.from({ length: 5 }, () => h.deps.hashing.run(address, () => held));
    return async () => {
      release();
      await Promise.all(runs);
    };
  };

  it('refuses a sign-in or registration from an address whose lane is full with 429, and serves other addresses', async () => {
    const user = await createUser(h.app);
    const busy = '203.0.113.50';
    const release = occupy(busy);
    try {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      const signIn = await call(h.app, '/api/auth/login', {
        json: { email: user.email, password: user.password },
        headers: from(busy),
      });
      expect(signIn.status).toBe(429);
      expect(signIn.body).toEqual({ message: 'Too many sign-ins from this address at once; try again in a moment' });
      expect(signIn.headers.get('retry-after')).toBe('1');
      const name = uniqueName();
      const register = await call(h.app, '/api/auth/register', {
        json: { email: `${name}@example.test`, username: name, password: 'long enough password' },
        headers: from(busy),
      });
      expect(register.status).toBe(429);
      // A taken email is answered without hashing, so the full lane does not matter.
      const taken = await call(h.app, '/api/auth/register', {
        json: { email: user.email, username: uniqueName(), password: 'long enough password' },
        headers: from(busy),
      });
      expect(taken.status).toBe(409);
      const other = await call(h.app, '/api/auth/login', {
        json: { email: user.email, password: user.password },
        headers: from('198.51.100.77'),
      });
      expect(other.status).toBe(200);
    } finally {
      await release();
    }
    // The refusals took nothing from the account's sign-in budget.
    for (let i = 0; i < 5; i++) {
      const res = await call(h.app, '/api/auth/login', {
        json: { email: user.email, password: user.password },
        headers: { 'x-forwarded-for': busy },
      });
      expect(res.status).toBe(200);
    }
  });

  it('never runs more hashes at once for one address than PASSWORD_HASHES_PER_IP, however many sign-ins arrive', async () => {
    const ip = '203.0.113.60';
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        call(h.app, '/api/auth/login', { json: { email: uniqueName(), password: 'guess' }, headers: { 'x-forwarded-for': ip } }),
      ),
    );
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    expect(h.deps.hashing.peak()).toBe(1);
  });
});
