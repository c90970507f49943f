import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { App } from '../../src/app';
import { makeImage, readFixture } from './fixtures';

/** The same requests against a server process (fetch) or an app in this process (app.request()). */
export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;
export const httpFetcher =
  (baseUrl: string): Fetcher =>
  (path, init) =>
    fetch(`${baseUrl}${path}`, init);
export const appFetcher =
  (app: App): Fetcher =>
  async (path, init) =>
    app.request(path, init);

const sha256 = (bytes: ArrayBuffer | Uint8Array) => createHash('sha256').update(new Uint8Array(bytes)).digest('hex');

const send = async (f: Fetcher, path: string, options: { json?: unknown; form?: FormData; cookie?: string; method?: string }) => {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const body = options.form ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
  return f(path, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body ? { body } : {}) });
};

const expectStatus = async (response: Response, status: number) => {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${await response.text()}`);
  return response;
};

export interface Person {
  username: string;
  password: string;
  cookie: string;
}

export const register = async (f: Fetcher, username: string): Promise<Person> => {
  const password = `${username} long password`;
  const response = await expectStatus(
    await send(f, '/api/auth/register', { json: { email: `${username}@example.test`, username, password } }),
    201,
  );
  return { username, password, cookie: response.headers.get('set-cookie')!.split(';')[0]! };
};

export const upload = async (f: Fetcher, person: Person, bytes: Uint8Array, fileName: string) => {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), fileName);
  const response = await expectStatus(await send(f, '/api/user/media', { form, cookie: person.cookie }), 201);
  return (await response.json()) as { id: number; filePath: string };
};

const share = async (f: Fetcher, person: Person, id: number, body: Record<string, unknown>) => {
  const response = await expectStatus(await send(f, `/api/media/${id}/share`, { json: body, cookie: person.cookie }), 200);
  return (await response.json()) as { shareCode: string; communityMediaId?: number };
};

export const deleteMedia = async (f: Fetcher, person: Person, id: number) =>
  expectStatus(await send(f, `/api/user/media/${id}`, { method: 'DELETE', cookie: person.cookie }), 204);

export interface Seeded {
  people: Person[];
  /** Links that must keep resolving, and one that was retired before the backup. */
  codes: string[];
  retiredCode: string;
  token: string;
}

/**
 * A vault with what a backup must carry: two people with images, a GIF and a video, link-only and
 * community shares with tags, a retired link, a community copy whose original was deleted, an item
 * deleted outright, and a personal API token.
 */
export const seedVault = async (f: Fetcher): Promise<Seeded> => {
  const alice = await register(f, 'alice');
  const bob = await register(f, 'bob');
  const photo = await upload(f, alice, await makeImage('png', 120, 80), 'beach photo.png');
  const portrait = await upload(f, alice, await makeImage('jpeg', 80, 120), 'portrait.jpg');
  const gif = await upload(f, alice, await makeImage('gif', 40, 40), 'loop.gif');
  const clip = await upload(f, alice, readFixture('clip.mp4'), 'clip.mp4');
  const codes = [
    (await share(f, alice, photo.id, { shareToCommunity: true, tags: ['beach', 'sunset'], policyAgreed: true })).shareCode,
    (await share(f, alice, portrait.id, { shareToCommunity: false })).shareCode,
    (await share(f, alice, clip.id, { shareToCommunity: true, tags: ['night'], policyAgreed: true })).shareCode,
  ];
  const retiredCode = (await share(f, alice, gif.id, { shareToCommunity: true, tags: ['urban'], policyAgreed: true })).shareCode;
  await expectStatus(await send(f, `/api/media/${gif.id}/share`, { method: 'DELETE', cookie: alice.cookie }), 200);

  const kept = await upload(f, bob, await makeImage('webp', 90, 60), 'city.webp');
  codes.push((await share(f, bob, kept.id, { shareToCommunity: true, tags: ['urban', 'night'], policyAgreed: true })).shareCode);
  const outlived = await upload(f, bob, await makeImage('png', 50, 50), 'gone.png');
  await share(f, bob, outlived.id, { shareToCommunity: true, tags: ['studio'], policyAgreed: true });
  await deleteMedia(f, bob, outlived.id);
  const dropped = await upload(f, bob, await makeImage('jpeg', 30, 30), 'dropped.jpg');
  await deleteMedia(f, bob, dropped.id);

  const minted = await expectStatus(
    await send(f, '/api/user/tokens', { json: { name: 'backup script', scopes: ['read'] }, cookie: alice.cookie }),
    201,
  );
  const { token } = (await minted.json()) as { token: string };
  return { people: [alice, bob], codes, retiredCode, token };
};

const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as unknown });
const fileHash = async (response: Response) => {
  expect(response.status).toBe(200);
  return sha256(await response.arrayBuffer());
};

/**
 * What everyone sees, with every file as its SHA-256: each person signing in with their password,
 * their items and originals, the token, every link and its file, and the whole Community feed with
 * its public files.
 */
export const captureVault = async (f: Fetcher, seeded: Seeded) => {
  // Links first: the first download of a shared image makes its stripped copy, which counts toward its
  // owner's usage (in /api/auth/me); reading the people after it sees the usage a backup would hold.
  const links = [];
  for (const code of seeded.codes) {
    links.push({
      page: await json(await f(`/api/shared/media/${code}`)),
      file: await fileHash(await f(`/api/shared/media/${code}/file`)),
    });
  }
  const people = [];
  for (const person of seeded.people) {
    const login = await send(f, '/api/auth/login', { json: { email: person.username, password: person.password } });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const me = await json(await send(f, '/api/auth/me', { cookie }));
    const list = (await json(await send(f, '/api/user/media?limit=100', { cookie }))) as {
      body: { items: { id: number }[] };
    };
    const files: Record<number, string> = {};
    for (const item of list.body.items)
      files[item.id] = await fileHash(await send(f, `/api/user/media/${item.id}/file`, { cookie }));
    people.push({ me, items: list.body, files });
  }
  const byToken = await json(await f('/api/user/media?limit=100', { headers: { authorization: `Bearer ${seeded.token}` } }));
  const retired = (await f(`/api/shared/media/${seeded.retiredCode}`)).status;
  const feed = (await json(await f('/api/community?limit=60'))) as { body: { items: { url: string }[] } };
  const publicFiles = [];
  for (const item of feed.body.items) publicFiles.push(await fileHash(await f(new URL(item.url).pathname)));
  return { people, byToken, links, retired, feed, publicFiles };
};
