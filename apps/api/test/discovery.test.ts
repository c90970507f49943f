import { DEFAULT_TAGS, drainRenditionJobs, syncTags } from '@mediashare/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage, readFixture } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { share, shareState, unshare } from './support/share';
import { trpcFor } from './support/trpc-client';
import { makeWebBuild } from './support/web-build';

// Its own database and web build: pages, counts and suggestions see this file's items only.
let h: Harness;
let web: Awaited<ReturnType<typeof makeWebBuild>>;
let ann: TestUser;
const ids: Record<string, { mediaId: number; communityId: number; shareCode: string }> = {};

const upload = async (user: TestUser, kind: 'image' | 'video' | 'gif', name: string) => {
  const bytes = kind === 'video' ? readFixture('clip.mp4') : await makeImage(kind === 'gif' ? 'gif' : 'jpeg', 200, 100);
  const res = await uploadFile(h.app, user, bytes, `${name}.${kind === 'video' ? 'mp4' : kind === 'gif' ? 'gif' : 'jpg'}`);
  expect(res.status).toBe(201);
  return res.body.id as number;
};
const publish = async (name: string, kind: 'image' | 'video' | 'gif', body: Record<string, unknown>) => {
  const mediaId = await upload(ann, kind, name);
  const res = await share(h, ann, mediaId, { policyAgreed: true, tags: ['night'], ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  ids[name] = { mediaId, communityId: res.body.communityMediaId, shareCode: res.body.shareCode };
};

beforeAll(async () => {
  web = await makeWebBuild();
  h = await createHarness({ webDistDir: web.dir, isolated: true });
  ann = await createUser(h.app);
  await publish('photo', 'image', {
    title: 'Harbour <b>"dusk"</b>',
    caption: 'Two boats & a pier.\nhttps://example.test/pier',
    altText: 'Two boats moored at a stone pier at dusk',
  });
  await publish('clip', 'video', { title: 'Waves' });
  await publish('anim', 'gif', {});
  await drainRenditionJobs(h.deps);
});
afterAll(async () => {
  await h.close();
  await web.remove();
});

const page = async (pathname: string) => {
  const res = await call(h.app, pathname);
  return { status: res.status, html: await res.raw.text() };
};
const metaOf = (html: string, key: string) => new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)" />`).exec(html)?.[1];
const oembed = (url: string, extra = '') => call(h.app, `/api/oembed?url=${encodeURIComponent(url)}${extra}`);
const base = () => h.deps.env.PUBLIC_URL;

describe('titles, captions and alt text', () => {
  it('are stored as given, shown on the item and changed (or cleared) with a re-share', async () => {
    const item = await call(h.app, `/api/community/${ids.photo!.communityId}`);
    expect(item.body).toMatchObject({
      title: 'Harbour <b>"dusk"</b>',
      caption: 'Two boats & a pier.\nhttps://example.test/pier',
      altText: 'Two boats moored at a stone pier at dusk',
    });
    const shared = await call(h.app, `/api/shared/media/${ids.photo!.shareCode}`);
    expect(shared.body).toMatchObject({ title: 'Harbour <b>"dusk"</b>', altText: 'Two boats moored at a stone pier at dusk' });

    const mediaId = await upload(ann, 'image', 'edited');
    const first = await share(h, ann, mediaId, { tags: ['night'], policyAgreed: true, title: 'Before', altText: 'A street' });
    const again = await share(h, ann, mediaId, { tags: ['night'], policyAgreed: true, title: 'After', altText: '' });
    expect(again.body.communityMediaId).toBe(first.body.communityMediaId);
    const after = await call(h.app, `/api/community/${first.body.communityMediaId}`);
    expect(after.body).toMatchObject({ title: 'After', altText: null, caption: null });
    // A re-share that leaves a text out keeps it.
    await share(h, ann, mediaId, { tags: ['night'], policyAgreed: true });
    expect((await call(h.app, `/api/community/${first.body.communityMediaId}`)).body.title).toBe('After');
  });

  it.each([
    ['title', 'x'.repeat(121), /"title": must be at most 120 characters/],
    ['caption', 'x'.repeat(2001), /"caption": must be at most 2000 characters/],
    ['altText', 'x'.repeat(1501), /"altText": must be at most 1500 characters/],
    ['title', 'line\nbreak', /"title": must be a single line/],
    ['title', 'bell\u0007', /"title": must not contain control characters or bidi overrides/],
    ['caption', 'abc\u202Eevil', /"caption": must not contain control characters or bidi overrides/],
    ['altText', 'isolate \u2066x\u2069', /"altText": must not contain control characters or bidi overrides/],
  ])('refuses a bad %s with a 400 naming it, and changes nothing', async (field, value, message) => {
    const mediaId = await upload(ann, 'image', `bad-${field}`);
    const before = await shareState(h, mediaId);
    const res = await share(h, ann, mediaId, { tags: ['night'], policyAgreed: true, [field]: value });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    expect(await shareState(h, mediaId)).toEqual(before);
  });

  it('go into OpenGraph on the permalink and the share page, escaped', async () => {
    const permalink = await page(`/community/${ids.photo!.communityId}`);
    expect(metaOf(permalink.html, 'og:title')).toBe('Harbour &lt;b&gt;&quot;dusk&quot;&lt;/b&gt;');
    expect(metaOf(permalink.html, 'og:description')).toBe('Two boats &amp; a pier.\nhttps://example.test/pier');
    expect(metaOf(permalink.html, 'og:image:alt')).toBe('Two boats moored at a stone pier at dusk');
    expect(permalink.html).not.toContain('<b>');
    const shared = await page(`/shared/media/${ids.photo!.shareCode}`);
    expect(metaOf(shared.html, 'og:title')).toBe('Harbour &lt;b&gt;&quot;dusk&quot;&lt;/b&gt;');
    expect(metaOf(shared.html, 'og:image:alt')).toBe('Two boats moored at a stone pier at dusk');
  });

  it('keep the seed-only share answering as the seed documents', async () => {
    const mediaId = await upload(ann, 'image', 'seedlike');
    const res = await share(h, ann, mediaId, { shareToCommunity: true, tags: ['night'], policyAgreed: true });
    expect(Object.keys(res.body).sort()).toEqual(['communityMediaId', 'communityUrl', 'shareCode', 'shareUrl']);
    expect((await call(h.app, `/api/community/${res.body.communityMediaId}`)).body).toMatchObject({
      title: null,
      caption: null,
      altText: null,
    });
  });
});

describe('oEmbed', () => {
  it('answers a photo for an image permalink, with the preview and the consumer size limit', async () => {
    const res = await oembed(`${base()}/community/${ids.photo!.communityId}`, '&format=json&maxwidth=100');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: '1.0',
      type: 'photo',
      provider_name: 'mediashare',
      title: 'Harbour <b>"dusk"</b>',
      author_name: ann.username,
      author_url: `${base()}/u/${ann.username}`,
      url: expect.stringMatching(/^http.*\/storage\/v1\/object\/public\/general\/.*\.webp$/),
      width: 100,
      height: 50,
    });
  });

  it('answers a photo for a GIF and a video with a player for a video', async () => {
    expect((await oembed(`${base()}/community/${ids.anim!.communityId}`)).body).toMatchObject({ type: 'photo' });
    const video = await oembed(`${base()}/community/${ids.clip!.communityId}`);
    expect(video.body).toMatchObject({
      type: 'video',
      title: 'Waves',
      html: expect.stringMatching(/^<video src="http[^"]+\.mp4"/),
    });
    expect(video.body.html).toContain('poster="http');
  });

  it('answers for a live share URL without naming its owner', async () => {
    const res = await oembed(`${base()}/shared/media/${ids.photo!.shareCode}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: 'photo', url: `${base()}/api/shared/media/${ids.photo!.shareCode}/preview` });
    expect(res.body.author_name).toBeUndefined();
    expect(await trpcFor(h.app).embeds.oembed.query({ url: `${base()}/shared/media/${ids.photo!.shareCode}` })).toEqual(res.body);
  });

  it('links itself from the pages that may be embedded', async () => {
    const permalink = await page(`/community/${ids.photo!.communityId}`);
    const expected = `${base()}/api/oembed?url=${encodeURIComponent(`${base()}/community/${ids.photo!.communityId}`)}&amp;format=json`;
    expect(permalink.html).toContain(`<link rel="alternate" type="application/json+oembed" href="${expected}"`);
    expect((await page(`/shared/media/${ids.photo!.shareCode}`)).html).toContain('type="application/json+oembed"');
  });

  it('refuses retired links, unknown items, other sites and formats other than json', async () => {
    const mediaId = await upload(ann, 'image', 'retired');
    const { body } = await share(h, ann, mediaId, { tags: ['night'], policyAgreed: true });
    await unshare(h, ann, mediaId);
    const retired = await oembed(`${base()}/shared/media/${body.shareCode}`);
    expect(retired).toMatchObject({ status: 404, body: { message: 'Nothing to embed at this URL' } });
    expect((await page(`/shared/media/${body.shareCode}`)).html).not.toContain('json+oembed');
    expect((await oembed(`${base()}/community/${body.communityMediaId}`)).status).toBe(404);
    expect((await oembed(`${base()}/community/2147483000`)).status).toBe(404);
    expect((await oembed(`https://elsewhere.example/community/${ids.photo!.communityId}`)).status).toBe(404);
    expect((await oembed(`${base()}/vault`)).status).toBe(404);
    expect((await oembed('not a url')).status).toBe(404);
    const xml = await oembed(`${base()}/community/${ids.photo!.communityId}`, '&format=xml');
    expect(xml).toMatchObject({ status: 501, body: { message: 'Only format=json is implemented' } });
    expect((await call(h.app, '/api/oembed')).status).toBe(400);
    expect((await oembed(`${base()}/community/1`, '&maxwidth=0')).body.message).toMatch(/"maxwidth"/);
  });
});

describe('feed links on pages', () => {
  it('puts the filtered feeds in the Community page and the profile feeds in a profile', async () => {
    const community = await page('/community?tags=night,urban&origin=uploaded&cursor=x');
    expect(community.html).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Community: night,urban (RSS)" href="/community/feed.xml?tags=night,urban&amp;origin=uploaded" />',
    );
    expect(community.html).toContain('type="application/atom+xml"');
    expect(community.html).toContain('type="application/feed+json"');
    const profile = await page(`/u/${ann.username}`);
    expect(profile.status).toBe(200);
    expect(profile.html).toContain(`href="/community/feed.json?user=${ann.username}"`);
    expect((await page('/u/%22%3E%3Cscript%3E')).html).not.toContain('"><script>');
  });
});

describe('the tag vocabulary', () => {
  it('lists each tag with its aliases and how many items carry it', async () => {
    const tags = (await call(h.app, '/api/tags')).body as { slug: string; aliases: string[]; count: number }[];
    const bw = tags.find((t) => t.slug === 'black-and-white');
    expect(bw?.aliases).toEqual(expect.arrayContaining(['bw', 'b&w', 'black-white']));
    const night = tags.find((t) => t.slug === 'night')!;
    const feed = await call(h.app, '/api/community?tags=night&limit=60');
    expect(night.count).toBe(feed.body.items.length);
    expect(await trpcFor(h.app).tags.list.query()).toEqual(tags);
  });

  it('resolves aliases in shares and in filters, and suggests close tags for unknown ones', async () => {
    const mediaId = await upload(ann, 'image', 'aliased');
    const res = await share(h, ann, mediaId, { tags: ['B&W', 'bw', 'city'], policyAgreed: true });
    expect(res.status).toBe(200);
    expect((await shareState(h, mediaId)).tags).toEqual(['black-and-white', 'urban']);
    const viaAlias = await call(h.app, '/api/community?tags=b%26w,city');
    expect(viaAlias.body.items.map((i: { id: number }) => i.id)).toEqual([res.body.communityMediaId]);
    const typo = await share(h, ann, mediaId, { tags: ['blak-and-white'], policyAgreed: true });
    expect(typo).toMatchObject({ status: 400, body: { message: 'Unknown tag: blak-and-white (did you mean black-and-white?)' } });
    expect((await shareState(h, mediaId)).tags).toEqual(['black-and-white', 'urban']);
    const unknown = await call(h.app, '/api/community?tags=zzzz');
    expect(unknown).toMatchObject({ status: 400, body: { message: 'Unknown tag: zzzz' } });
  });

  it('suggests by prefix of slug, label or alias, most used first, at most ten', async () => {
    const night = await call(h.app, '/api/tags/suggest?q=ni');
    expect(night.body[0]).toEqual({ slug: 'night', label: 'Night', count: expect.any(Number), matchedAlias: null });
    const alias = await call(h.app, '/api/tags/suggest?q=B%26');
    expect(alias.body).toEqual([{ slug: 'black-and-white', label: 'Black and white', count: 1, matchedAlias: 'b&w' }]);
    const wide = await call(h.app, '/api/tags/suggest?q=s');
    expect(wide.body.length).toBeLessThanOrEqual(10);
    const counts = (wide.body as { count: number }[]).map((t) => t.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // LIKE's own characters are only themselves.
    expect((await call(h.app, '/api/tags/suggest?q=%25')).body).toEqual([]);
    expect((await call(h.app, '/api/tags/suggest?q=_')).body).toEqual([]);
    expect(await trpcFor(h.app).tags.suggest.query({ q: 'ni' })).toEqual(night.body);
  });

  it('refuses an empty or long query, and one with control characters (PostgreSQL takes no NUL)', async () => {
    expect((await call(h.app, '/api/tags/suggest')).status).toBe(400);
    expect((await call(h.app, '/api/tags/suggest?q=')).body.message).toMatch(/"q"/);
    expect((await call(h.app, `/api/tags/suggest?q=${'a'.repeat(65)}`)).body.message).toMatch(/"q": must be at most 64/);
    for (const q of ['%00', 'ni%00', '%1B%5B31m']) {
      const res = await call(h.app, `/api/tags/suggest?q=${q}`);
      expect([res.status, res.body.message], q).toEqual([400, expect.stringMatching(/"q": must not contain control characters/)]);
    }
  });
});

describe('merging tags through the vocabulary file', () => {
  it('moves every item to the tag merged into, keeps the old slug as its alias, and loses nothing', async () => {
    await syncTags(h.deps, [...DEFAULT_TAGS, { slug: 'twilight', label: 'Twilight' }]);
    const only = await upload(ann, 'image', 'only-twilight');
    const both = await upload(ann, 'image', 'both');
    const a = await share(h, ann, only, { tags: ['twilight'], policyAgreed: true });
    const b = await share(h, ann, both, { tags: ['twilight', 'sunset', 'beach'], policyAgreed: true });
    const sunsetBefore = ((await call(h.app, '/api/tags')).body as { slug: string; count: number }[]).find(
      (t) => t.slug === 'sunset',
    )!;

    const result = await syncTags(h.deps, [...DEFAULT_TAGS, { slug: 'twilight', label: 'Twilight', mergeInto: 'sunset' }]);
    expect(result.merged).toEqual([{ slug: 'twilight', into: 'sunset', moved: 2 }]);

    expect((await shareState(h, only)).tags).toEqual(['sunset']);
    expect((await shareState(h, both)).tags).toEqual(['beach', 'sunset']);
    const list = (await call(h.app, '/api/tags')).body as { slug: string; aliases: string[]; count: number }[];
    expect(list.find((t) => t.slug === 'twilight')).toBeUndefined();
    const sunset = list.find((t) => t.slug === 'sunset')!;
    expect(sunset.aliases).toContain('twilight');
    expect(sunset.count).toBe(sunsetBefore.count + 1);
    // The old slug still finds the items, and shares with it land on the merged tag.
    const feed = await call(h.app, '/api/community?tags=twilight');
    expect(feed.body.items.map((i: { id: number }) => i.id).slice(0, 2)).toEqual([
      b.body.communityMediaId,
      a.body.communityMediaId,
    ]);
    const again = await upload(ann, 'image', 'after-merge');
    expect((await share(h, ann, again, { tags: ['twilight'], policyAgreed: true })).status).toBe(200);
    expect((await shareState(h, again)).tags).toEqual(['sunset']);
  });

  it('refuses a merge into a tag that is not listed, and changes nothing', async () => {
    const before = (await call(h.app, '/api/tags')).body;
    await expect(syncTags(h.deps, [...DEFAULT_TAGS, { slug: 'x-y', label: 'X', mergeInto: 'nope' }])).rejects.toThrow(
      /mergeInto must name another listed tag/,
    );
    expect((await call(h.app, '/api/tags')).body).toEqual(before);
  });
});
