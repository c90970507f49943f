import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';

let h: Harness;
let alice: TestUser;
beforeAll(async () => {
  h = await createHarness();
  alice = await createUser(h.app);
});
afterAll(() => h.close());

const BOUNDARY = 'NAMESBOUNDARY';

/** One file part whose `filename` is the raw UTF-8 bytes of `fileName`, as browsers and curl -F send it. */
const uploadNamed = (user: TestUser, bytes: Buffer, fileName: string) =>
  call(h.app, '/api/user/media', {
    method: 'POST',
    cookie: user.cookie,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="`),
      Buffer.from(fileName, 'utf8'),
      Buffer.from('"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      bytes,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]),
  });

const disposition = async (path: string, cookie?: string) => {
  const res = await call(h.app, path, cookie ? { cookie } : {});
  expect(res.status).toBe(200);
  return { type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') };
};

describe('file names', () => {
  it('stores a non-ASCII name as sent and serves it with filename* and an ASCII fallback', async () => {
    const res = await uploadNamed(alice, await makeImage('gif'), 'Été.gif');
    expect(res.status).toBe(201);
    expect(res.body.fileName).toBe('Été.gif');
    const listed = await call(h.app, `/api/user/media/${res.body.id}`, { cookie: alice.cookie });
    expect(listed.body.fileName).toBe('Été.gif');
    expect(await disposition(`/api/user/media/${res.body.id}/file`, alice.cookie)).toEqual({
      type: 'image/gif',
      disposition: `inline; filename="Ete.gif"; filename*=UTF-8''%C3%89t%C3%A9.gif`,
    });
  });

  it('stores a decomposed name (as macOS sends it) in NFC', async () => {
    const res = await uploadNamed(alice, await makeImage('png'), 'E\u0301te\u0301 \u65e5\u672c.png');
    expect(res.status).toBe(201);
    expect(res.body.fileName).toBe('\u00c9t\u00e9 \u65e5\u672c.png');
    expect((await disposition(`/api/user/media/${res.body.id}/file`, alice.cookie)).disposition).toBe(
      `inline; filename="Ete __.png"; filename*=UTF-8''%C3%89t%C3%A9%20%E6%97%A5%E6%9C%AC.png`,
    );
  });

  it('encodes quotes, apostrophes and parentheses so the header still parses', async () => {
    const res = await uploadNamed(alice, await makeImage('png'), `it's (1) *new* 100%.png`);
    expect(res.status).toBe(201);
    expect((await disposition(`/api/user/media/${res.body.id}/file`, alice.cookie)).disposition).toBe(
      `inline; filename="it's (1) *new* 100_.png"; filename*=UTF-8''it%27s%20%281%29%20%2Anew%2A%20100%25.png`,
    );
  });

  it('serves a GIF/HTML polyglot uploaded as x.html under the sniffed type: x.gif, image/gif', async () => {
    const polyglot = Buffer.concat([
      await makeImage('gif', 32, 32),
      Buffer.from('<html><script>alert(document.cookie)</script></html>'),
    ]);
    const res = await uploadNamed(alice, polyglot, 'x.html');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mimeType: 'image/gif', fileName: 'x.html' });
    expect(await disposition(`/api/user/media/${res.body.id}/file`, alice.cookie)).toEqual({
      type: 'image/gif',
      disposition: `inline; filename="x.gif"; filename*=UTF-8''x.gif`,
    });

    // The share link's file is served under the same rule, to anyone.
    const share = await call(h.app, `/api/media/${res.body.id}/share`, {
      json: { shareToCommunity: false },
      cookie: alice.cookie,
    });
    expect(share.status).toBe(200);
    expect(await disposition(`/api/shared/media/${share.body.shareCode}/file`)).toEqual({
      type: 'image/gif',
      disposition: `inline; filename="x.gif"; filename*=UTF-8''x.gif`,
    });
  });
});
