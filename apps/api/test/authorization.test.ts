import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { share, shareState } from './support/share';

let h: Harness;
let owner: TestUser;
let stranger: TestUser;
let item: { id: number; filePath: string };
let code: string;
beforeAll(async () => {
  h = await createHarness();
  owner = await createUser(h.app);
  stranger = await createUser(h.app);
  item = (await uploadFile(h.app, owner, await makeImage('png'), 'private.png')).body;
  code = (await share(h, owner, item.id, { shareToCommunity: false })).body.shareCode;
});
afterAll(() => h.close());

type Route = { name: string; method: string; path: () => string; json?: () => unknown; owner: number; public?: boolean };

// Every route that takes a media id, a path or a share code. DELETE routes come last in each run.
const routes: Route[] = [
  { name: 'media item', method: 'GET', path: () => `/api/user/media/${item.id}`, owner: 200 },
  { name: 'original file', method: 'GET', path: () => `/api/user/media/${item.id}/file`, owner: 200 },
  {
    name: 'share',
    method: 'POST',
    path: () => `/api/media/${item.id}/share`,
    json: () => ({ shareToCommunity: false }),
    owner: 200,
  },
  {
    name: 'share by path',
    method: 'POST',
    path: () => '/api/user/media/share',
    json: () => ({ filePath: item.filePath, shareToCommunity: false }),
    owner: 200,
  },
  { name: 'shared item', method: 'GET', path: () => `/api/shared/media/${code}`, owner: 200, public: true },
  { name: 'shared file', method: 'GET', path: () => `/api/shared/media/${code}/file`, owner: 200, public: true },
  { name: 'delete share', method: 'DELETE', path: () => `/api/media/${item.id}/share`, owner: 200 },
];

describe('authorization matrix', () => {
  it.each(routes)(
    '$method $name: no session -> 401 (public: 200), stranger -> 404 (public: 200), owner -> $owner',
    async (route) => {
      const request = (cookie?: string) =>
        call(h.app, route.path(), { method: route.method, cookie, ...(route.json ? { json: route.json() } : {}) });
      const before = await shareState(h, item.id);

      const anonymous = await request();
      const strange = await request(stranger.cookie);
      if (route.public) {
        expect(anonymous.status).toBe(200);
        expect(strange.status).toBe(200);
      } else {
        expect(anonymous.status).toBe(401);
        expect(anonymous.body).toEqual({ message: 'Authentication required' });
        expect(strange.status).toBe(404);
        expect(strange.body).toEqual({ message: 'Media not found' });
        // Neither changed anything.
        expect(await shareState(h, item.id)).toEqual(before);
      }
      expect((await request(owner.cookie)).status).toBe(route.owner);
    },
  );

  it('DELETE of the vault item: 401, 404, then 204 for the owner', async () => {
    const path = `/api/user/media/${item.id}`;
    expect((await call(h.app, path, { method: 'DELETE' })).status).toBe(401);
    expect((await call(h.app, path, { method: 'DELETE', cookie: stranger.cookie })).status).toBe(404);
    expect(await h.objects('user-media')).toContain(item.filePath);
    expect((await call(h.app, path, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204);
  });
});
