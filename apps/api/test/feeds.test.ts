import { drainRenditionJobs } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { share } from './support/share';

// Feeds read the newest items of a query: a database of its own keeps other files' items out.
let h: Harness;
let poster: TestUser;
let bulk: TestUser;
// The feed cache's clock: real time, or held still while a test needs "within a few seconds" to hold.
const clock = (() => {
  let offset = 0;
  let held: number | null = null;
  return {
    now: () => new Date(held ?? Date.now() + offset),
    hold: () => void (held = Date.now() + offset),
    advance: (ms: number) => void (held === null ? (offset += ms) : (held += ms)),
  };
})();
const posted: Record<string, number> = {};
const parser = new Parser<Record<string, unknown>, { 'content:encoded': string }>({
  customFields: { item: ['content:encoded'] },
});

beforeAll(async () => {
  h = await createHarness({ isolated: true, now: clock.now });
  poster = await createUser(h.app);
  bulk = await createUser(h.app);
  // Sixty items straight into the tables (the share path is covered elsewhere): more than a feed carries.
  const [night] = await h.sql.select().from(schema.tags).where(eq(schema.tags.slug, 'urban'));
  for (let i = 0; i < 60; i++) {
    const createdAt = new Date(Date.UTC(2020, 0, 1, 0, i));
    const [row] = await h.sql
      .insert(schema.communityMedia)
      .values({
        userId: bulk.id,
        filePath: `bulk-${i}.jpg`,
        mimeType: 'image/jpeg',
        size: 1,
        source: 'upload',
        watermarked: true,
        createdAt,
      })
      .returning();
    await h.sql.insert(schema.communityMediaTags).values({ communityMediaId: row!.id, tagId: night!.id, createdAt });
  }
  const add = async (name: string, body: Record<string, unknown>) => {
    const { body: media } = await uploadFile(h.app, poster, await makeImage('jpeg', 64, 48), `${name}.jpg`);
    const res = await share(h, poster, media.id, { policyAgreed: true, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    posted[name] = res.body.communityMediaId;
  };
  await add('plain', { tags: ['night'] });
  await add('titled', {
    tags: ['black-and-white', 'night'],
    title: 'Pier <at> "dusk" & after',
    caption: 'Lights on the water.\nSecond line',
    altText: 'Boats along a stone pier',
  });
  // The previews (the enclosures) are made by the rendition worker.
  await drainRenditionJobs(h.deps);
});
afterAll(() => h.close());

const get = (path: string, headers: Record<string, string> = {}) => call(h.app, path, { headers });
const permalink = (name: string) => `${h.deps.env.PUBLIC_URL}/community/${posted[name]}`;

describe('feed documents', () => {
  it('RSS 2.0 parses back with titles, links to permalinks, tags and the preview as enclosure', async () => {
    const res = await get(`/community/feed.xml?user=${poster.username}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const feed = await parser.parseString(await res.raw.text());
    expect(feed.title).toBe(`@${poster.username} on mediashare`);
    expect(feed.items.map((i) => i.link)).toEqual([permalink('titled'), permalink('plain')]);
    const [titled, plain] = feed.items;
    expect(titled).toMatchObject({
      title: 'Pier <at> "dusk" & after',
      guid: permalink('titled'),
      categories: ['black-and-white', 'night'],
      contentSnippet: expect.stringContaining('Lights on the water.'),
    });
    expect(titled!['content:encoded']).toContain('alt="Boats along a stone pier"');
    expect(titled!.enclosure).toMatchObject({
      url: expect.stringMatching(/^http.*\/storage\/v1\/object\/public\/general\//),
      type: 'image/webp',
    });
    expect(plain!.title).toBe(`Shared by @${poster.username}`);
  });

  it('Atom parses back with the same entries', async () => {
    const res = await get(`/community/feed.atom?user=${poster.username}&tags=night`);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = await parser.parseString(await res.raw.text());
    expect(feed.items.map((i) => [i.title, i.link, (i as { id?: string }).id])).toEqual([
      ['Pier <at> "dusk" & after', permalink('titled'), permalink('titled')],
      [`Shared by @${poster.username}`, permalink('plain'), permalink('plain')],
    ]);
  });

  it('JSON Feed 1.1 carries the fields its specification requires and the ones it names for this', async () => {
    const res = await get(`/community/feed.json?user=${poster.username}`);
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(await res.raw.text()) as Record<string, any>;
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: expect.any(String),
      home_page_url: `${h.deps.env.PUBLIC_URL}/u/${poster.username}?user=${poster.username.toLowerCase()}`,
      feed_url: `${h.deps.env.PUBLIC_URL}/community/feed.json?user=${poster.username.toLowerCase()}`,
      language: 'en',
    });
    expect(feed.author).toBeUndefined();
    const [titled] = feed.items;
    expect(titled).toMatchObject({
      id: permalink('titled'),
      url: permalink('titled'),
      title: 'Pier <at> "dusk" & after',
      summary: 'Lights on the water.\nSecond line',
      content_html: expect.stringContaining('Lights on the water.<br />Second line'),
      tags: ['black-and-white', 'night'],
      authors: [{ name: poster.username, url: `${h.deps.env.PUBLIC_URL}/u/${poster.username}` }],
      attachments: [{ url: expect.stringMatching(/^http/), mime_type: 'image/webp' }],
      date_published: expect.any(String),
    });
    // Every item has an id and content, as 1.1 requires.
    for (const item of feed.items) expect(typeof item.id === 'string' && typeof item.content_html === 'string').toBe(true);
  });

  it('escapes what people wrote: markup in a caption stays text', async () => {
    const { body: media } = await uploadFile(h.app, poster, await makeImage('jpeg', 32, 32), 'x.jpg');
    const out = await share(h, poster, media.id, { tags: ['studio'], policyAgreed: true, caption: '<script>alert(1)</script>' });
    clock.advance(10_000);
    const xml = await (await get('/community/feed.xml?tags=studio')).raw.text();
    expect(xml).not.toContain('<script>');
    const feed = await parser.parseString(xml);
    expect(feed.items[0]?.link).toBe(`${h.deps.env.PUBLIC_URL}/community/${out.body.communityMediaId}`);
    expect(feed.items[0]?.contentSnippet).toContain('<script>alert(1)</script>');
  });

  it('carries the 50 newest items of a query, filtered like the feed (an alias filters by its tag)', async () => {
    const feed = await parser.parseString(await (await get(`/community/feed.xml?user=${bulk.username}`)).raw.text());
    expect(feed.items).toHaveLength(50);
    const api = await call(h.app, `/api/community?user=${bulk.username}&limit=50`);
    expect(feed.items.map((i) => i.link)).toEqual(
      api.body.items.map((i: { id: number }) => `${h.deps.env.PUBLIC_URL}/community/${i.id}`),
    );
    const viaAlias = await parser.parseString(await (await get('/community/feed.xml?tags=b%26w')).raw.text());
    expect(viaAlias.items.map((i) => i.link)).toEqual([permalink('titled')]);
    expect(viaAlias.title).toBe('Community #black-and-white on mediashare');
  });
});

describe('conditional GETs', () => {
  it('answers 304 to the ETag and to Last-Modified, and 200 once the feed changed', async () => {
    const path = `/community/feed.json?user=${poster.username}&tags=night`;
    clock.hold();
    const first = await get(path);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(new Date(lastModified).getTime()).toBeGreaterThan(0);
    const byTag = await get(path, { 'if-none-match': etag });
    expect(byTag.status).toBe(304);
    expect(byTag.headers.get('etag')).toBe(etag);
    expect(await byTag.raw.text()).toBe('');
    expect((await get(path, { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await get(path, { 'if-none-match': '"other"' })).status).toBe(200);
    // An ETag that no longer matches wins over a date that would.
    expect((await get(path, { 'if-none-match': '"other"', 'if-modified-since': lastModified })).status).toBe(200);

    const { body: media } = await uploadFile(h.app, poster, await makeImage('jpeg', 32, 32), 'new.jpg');
    await share(h, poster, media.id, { tags: ['night'], policyAgreed: true });
    // Kept for a few seconds: the same document, then the new one.
    expect((await get(path, { 'if-none-match': etag })).status).toBe(304);
    clock.advance(6_000);
    const changed = await get(path, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });
});

describe('bad feed queries', () => {
  it.each([
    ['/community/feed.xml?tags=a,b,c,d,e,f', 400, /"tags"/],
    ['/community/feed.atom?tags=nigth', 400, /Unknown tag: nigth \(did you mean night\?\)/],
    ['/community/feed.json?origin=mine', 400, /"origin"/],
    ['/community/feed.xml?user=nobody-here', 404, /User not found/],
  ])('%s answers %i', async (path, status, message) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(message);
  });
});
