import { drainRenditionJobs, PAGES } from '@mediashare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage, readFixture } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { share, unshare } from './support/share';
import { INDEX_HTML, makeWebBuild } from './support/web-build';

/** The page without its feed and oEmbed discovery links (discovery.test.ts checks those). */
const withoutHeadLinks = (html: string) => html.replace(/\n\s*<link rel="alternate" [^>]*\/>/g, '');

let h: Harness;
let web: Awaited<ReturnType<typeof makeWebBuild>>;
let alice: TestUser;

beforeAll(async () => {
  web = await makeWebBuild();
  // Its own database: the previews it makes must be this file's items only.
  h = await createHarness({ webDistDir: web.dir, isolated: true });
  alice = await createUser(h.app);
});
afterAll(async () => {
  await h.close();
  await web.remove();
});

const page = async (pathname: string) => {
  const res = await call(h.app, pathname);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return res.raw.text();
};

/** The content of every preview meta tag in the page, by property or name. */
const metaOf = (html: string) =>
  Object.fromEntries([...html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)" \/>/g)].map((m) => [m[1], m[2]]));

const shareLink = async (bytes: Uint8Array, fileName: string) => {
  const upload = await uploadFile(h.app, alice, bytes, fileName);
  expect(upload.status).toBe(201);
  const res = await share(h, alice, upload.body.id, { shareToCommunity: false });
  expect(res.status).toBe(200);
  await drainRenditionJobs(h.deps);
  return { id: upload.body.id as number, code: res.body.shareCode as string };
};

describe('GET /shared/media/:code (the page a share link opens)', () => {
  it('describes a shared image for link previews, with absolute URLs', async () => {
    const { code } = await shareLink(await makeImage('jpeg', 160, 120), 'beach.jpg');
    const html = await page(`/shared/media/${code}`);
    // The preview, never the original.
    const previewUrl = `http://localhost:3000/api/shared/media/${code}/preview`;
    expect(metaOf(html)).toEqual({
      'og:site_name': 'mediashare',
      'og:title': 'A shared image on mediashare',
      'og:type': 'image',
      'og:url': `http://localhost:3000/shared/media/${code}`,
      'og:image': previewUrl,
      'twitter:title': 'A shared image on mediashare',
      'twitter:card': 'summary_large_image',
      'twitter:image': previewUrl,
      robots: 'noindex',
    });
    expect(html).not.toContain('/file');
    // The tags go into <head>, and the rest of the page is the SPA's own.
    expect(html.indexOf('og:image')).toBeLessThan(html.indexOf('</head>'));
    expect(withoutHeadLinks(html.replace(/\n\s*<meta (?:property|name)="[^"]+" content="[^"]*" \/>/g, ''))).toBe(INDEX_HTML);
    expect((await call(h.app, `/shared/media/${code}/`)).raw.headers.get('cache-control')).toBe('no-cache');
  });

  it('describes a shared video as a player', async () => {
    const { code } = await shareLink(readFixture('clip.webm'), 'clip.webm');
    const meta = metaOf(await page(`/shared/media/${code}`));
    expect(meta).toMatchObject({
      'og:type': 'video.other',
      'og:video': `http://localhost:3000/api/shared/media/${code}/file`,
      'og:video:type': 'video/webm',
      'twitter:card': 'player',
      'twitter:player': `http://localhost:3000/shared/media/${code}`,
    });
    // Its poster frame is the picture, where a working ffmpeg made one.
    const hasPoster = (await h.deps.imaging.videoTools()).isAvailable;
    expect(meta['og:image']).toBe(hasPoster ? `http://localhost:3000/api/shared/media/${code}/preview` : undefined);
  });

  it('names no picture while the preview is pending rather than the original', async () => {
    const upload = await uploadFile(h.app, alice, await makeImage('jpeg', 100, 100), 'pending.jpg');
    const code = (await share(h, alice, upload.body.id, { shareToCommunity: false })).body.shareCode as string;
    const meta = metaOf(await page(`/shared/media/${code}`));
    expect(meta['og:image']).toBeUndefined();
    expect(meta['twitter:card']).toBe('summary');
    await drainRenditionJobs(h.deps);
  });

  it('serves the plain page for unknown, malformed and retired codes', async () => {
    expect(await page('/shared/media/AAAAAAAAAAAAAAAAAAAAAA')).toBe(INDEX_HTML);
    expect(await page('/shared/media/not%20a%20code')).toBe(INDEX_HTML);
    expect(await page(`/shared/media/${'x'.repeat(300)}`)).toBe(INDEX_HTML);

    const { id, code } = await shareLink(await makeImage('png', 40, 30), 'gone.png');
    expect(metaOf(await page(`/shared/media/${code}`))['og:image']).toBeDefined();
    expect((await unshare(h, alice, id)).status).toBe(200);
    expect(await page(`/shared/media/${code}`)).toBe(INDEX_HTML);
  });

  it('escapes what it writes into the page', async () => {
    const odd = await createHarness({
      database: h.deps.db,
      webDistDir: web.dir,
      env: { PUBLIC_URL: `http://localhost:3000/a"b'<c>&d` },
    });
    try {
      const bob = await createUser(odd.app);
      const upload = await uploadFile(odd.app, bob, await makeImage('jpeg', 20, 20), 'x.jpg');
      const code = (await share(odd, bob, upload.body.id, { shareToCommunity: false })).body.shareCode as string;
      await drainRenditionJobs(odd.deps);
      const html = await (await call(odd.app, `/shared/media/${code}`)).raw.text();
      expect(html).toContain(`content="http://localhost:3000/a&quot;b&#39;&lt;c&gt;&amp;d/api/shared/media/${code}/preview"`);
      expect(html).not.toContain('<c>');
    } finally {
      await odd.close();
    }
  });

  it('leaves the other pages alone', async () => {
    expect(await page('/')).toBe(INDEX_HTML);
    // The Community page gains only its feed links (discovery.test.ts).
    expect(withoutHeadLinks(await page('/community'))).toBe(INDEX_HTML);
  });
});

describe('the pages the SPA owns', () => {
  it('are each answered with the app, with or without a trailing slash; other paths are not', async () => {
    // A community item's page answers 404 for an item that does not exist (below).
    for (const pattern of Object.values(PAGES).filter((p) => p !== PAGES.communityItem)) {
      const pathname = pattern.replace(':code', 'nope');
      expect(withoutHeadLinks(await page(pathname))).toBe(INDEX_HTML);
      if (pathname !== '/') expect(withoutHeadLinks(await page(`${pathname}/`))).toBe(INDEX_HTML);
    }
    expect((await call(h.app, '/no-such-page')).status).toBe(404);
    expect((await call(h.app, '/shared/media/a/b')).status).toBe(404);
  });
});

describe('GET /community/:id (a community item’s permalink)', () => {
  it('describes the item with its public preview, never the file', async () => {
    const upload = await uploadFile(h.app, alice, await makeImage('jpeg', 300, 200), 'public.jpg');
    const shared = await share(h, alice, upload.body.id, { tags: ['night'], policyAgreed: true });
    await drainRenditionJobs(h.deps);
    const id = shared.body.communityMediaId as number;
    const { body: item } = await call(h.app, `/api/community/${id}`);
    const meta = metaOf(await page(`/community/${id}`));
    expect(meta).toMatchObject({
      'og:url': `http://localhost:3000/community/${id}`,
      'og:image': item.previewUrl,
      'twitter:card': 'summary_large_image',
      'og:title': `Shared by @${alice.username} on mediashare`,
    });
    expect(item.previewUrl).toMatch(/\.preview\.webp$/);
  });

  it('withholds the picture of a mature item from link previews, on the permalink and the share page', async () => {
    const upload = await uploadFile(h.app, alice, await makeImage('jpeg', 300, 200), 'mature.jpg');
    const shared = await share(h, alice, upload.body.id, { tags: ['night'], policyAgreed: true, mature: true });
    await drainRenditionJobs(h.deps);
    const id = shared.body.communityMediaId as number;
    expect((await call(h.app, `/api/community/${id}`)).body.previewUrl).toMatch(/\.preview\.webp$/);
    for (const meta of [metaOf(await page(`/community/${id}`)), metaOf(await page(`/shared/media/${shared.body.shareCode}`))]) {
      expect(meta['og:image']).toBeUndefined();
      expect(meta['twitter:image']).toBeUndefined();
      expect(meta['twitter:card']).toBe('summary');
      expect(meta['og:title']).toBeDefined();
    }
  });

  it('answers an unknown item with the app’s page and a 404', async () => {
    for (const path of ['/community/2147483000', '/community/abc']) {
      const res = await call(h.app, path);
      expect(res.status).toBe(404);
      expect(await res.raw.text()).toBe(INDEX_HTML);
    }
  });
});

describe('paths nobody serves', () => {
  it('are the app’s own 404 page for browsers, and JSON under the API', async () => {
    const res = await call(h.app, '/no/such/page');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.raw.text()).toBe(INDEX_HTML);
    expect(await call(h.app, '/api/no-such-route')).toMatchObject({ status: 404, body: { message: 'Not found' } });
  });
});
