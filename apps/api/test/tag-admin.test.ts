import { DEFAULT_TAGS, syncTags } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, uploadFile, type TestUser } from './support/factories';
import { makeImage } from './support/fixtures';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';
import { makeAdmin } from './support/moderation';
import { share, shareState } from './support/share';
import { outcome, trpcFor } from './support/trpc-client';

// A database of its own: merges and syncs rewrite the vocabulary every other file reads.
let h: Harness;
let owner: TestUser;
let admin: TestUser;

beforeAll(async () => {
  h = await createHarness({ isolated: true });
  owner = await createUser(h.app);
  admin = await makeAdmin(h, await createUser(h.app));
}, 180_000);
afterAll(() => h.close());

interface AdminTag {
  id: number;
  slug: string;
  label: string;
  active: boolean;
  aliases: { alias: string; origin: 'file' | 'admin' }[];
  count: number;
  mergedInto: string | null;
}

const adminCall = (path: string, method = 'GET', json?: unknown, user: TestUser = admin) =>
  call(h.app, path, { method, ...(json === undefined ? {} : { json }), cookie: user.cookie });
const vocabulary = async () => ((await adminCall('/api/admin/tags')).body as { tags: AdminTag[] }).tags;
const tagOf = async (slug: string) => (await vocabulary()).find((t) => t.slug === slug)!;
/** The whole vocabulary and every assignment: what a refused request must leave as it was. */
const snapshot = async () => ({
  tags: await vocabulary(),
  assignments: await h.sql.select().from(schema.communityMediaTags).orderBy(schema.communityMediaTags.communityMediaId),
});
/** What the count triggers must agree with: assignments counted the slow way. */
const countedTheSlowWay = async (slug: string) => {
  const [row] = await h.sql
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.communityMediaTags)
    .innerJoin(schema.tags, eq(schema.tags.id, schema.communityMediaTags.tagId))
    .where(eq(schema.tags.slug, slug));
  return row!.n;
};
const publish = async (tags: string[]) => {
  const upload = await uploadFile(h.app, owner, await makeImage('jpeg', 120, 80), 'picture.jpg');
  const res = await share(h, owner, upload.body.id, { tags, policyAgreed: true });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { mediaId: upload.body.id as number, id: res.body.communityMediaId as number };
};
const feedIds = async (tags: string) =>
  ((await call(h.app, `/api/community?tags=${encodeURIComponent(tags)}&limit=60`)).body.items as { id: number }[]).map(
    (i) => i.id,
  );
const logEntries = async (action: string) =>
  (
    (await adminCall('/api/admin/moderation-log?limit=200')).body.entries as {
      action: string;
      targetKind: string;
      details: Record<string, unknown>;
    }[]
  ).filter((e) => e.action === action);

describe('GET /api/admin/tags', () => {
  it('lists every tag, inactive ones too, with aliases and their origin, counts and merges; tRPC answers the same', async () => {
    await syncTags(h.deps, [...DEFAULT_TAGS, { slug: 'retired', label: 'Retired', active: false }]);
    const tags = await vocabulary();
    expect(tags.map((t) => t.slug)).toEqual([...tags.map((t) => t.slug)].sort());
    expect(tags.find((t) => t.slug === 'retired')).toMatchObject({ active: false, mergedInto: null, count: 0 });
    expect(tags.find((t) => t.slug === 'black-and-white')?.aliases).toContainEqual({ alias: 'bw', origin: 'file' });
    expect(await trpcFor(h.app, admin.cookie).tags.admin.list.query()).toEqual({ tags });
  });
});

describe('POST /api/admin/tags/:slug/aliases', () => {
  it('adds an alias that shares and feed filters resolve to the tag, and logs it', async () => {
    const res = await adminCall('/api/admin/tags/close-up/aliases', 'POST', { alias: ' Tight ' });
    expect(res.status).toBe(201);
    expect(res.body.aliases).toContainEqual({ alias: 'tight', origin: 'admin' });
    const item = await publish(['tight']);
    expect((await shareState(h, item.mediaId)).tags).toEqual(['close-up']);
    expect(await feedIds('tight')).toContain(item.id);
    expect((await call(h.app, '/api/tags')).body.find((t: { slug: string }) => t.slug === 'close-up').aliases).toContain('tight');
    expect(await logEntries('tag_alias_added')).toContainEqual(
      expect.objectContaining({ targetKind: 'tag', details: expect.objectContaining({ slug: 'close-up', alias: 'tight' }) }),
    );
  });

  it('refuses a taken name, bad characters and an unknown tag with a clear message, and changes nothing', async () => {
    const before = await snapshot();
    expect(await adminCall('/api/admin/tags/night/aliases', 'POST', { alias: 'city' })).toMatchObject({
      status: 409,
      body: { message: '"city" is already an alias of the tag urban' },
    });
    expect(await adminCall('/api/admin/tags/black-and-white/aliases', 'POST', { alias: 'bw' })).toMatchObject({
      status: 409,
      body: { message: '"bw" is already an alias of the tag black-and-white' },
    });
    expect(await adminCall('/api/admin/tags/night/aliases', 'POST', { alias: 'sunset' })).toMatchObject({
      status: 409,
      body: { message: `"sunset" is already a tag's slug; merge the two tags instead` },
    });
    for (const alias of ['b w', 'a/b', '<script>', '', 'x'.repeat(65)]) {
      const res = await adminCall('/api/admin/tags/night/aliases', 'POST', { alias });
      expect(res.status, alias).toBe(400);
      expect(res.body.message, alias).toMatch(/^Invalid field "alias"/);
    }
    expect((await adminCall('/api/admin/tags/night/aliases', 'POST', {})).body.message).toMatch(/"alias"/);
    expect(await adminCall('/api/admin/tags/no-such-tag/aliases', 'POST', { alias: 'zzz' })).toMatchObject({
      status: 404,
      body: { message: 'Tag not found: no-such-tag' },
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe('PATCH /api/admin/tags/:slug', () => {
  it('renames a tag, keeping its slug and its items', async () => {
    const item = await publish(['studio']);
    const res = await adminCall('/api/admin/tags/studio', 'PATCH', { label: 'In the studio' });
    expect(res).toMatchObject({ status: 200, body: { slug: 'studio', label: 'In the studio', active: true } });
    expect((await call(h.app, '/api/tags')).body.find((t: { slug: string }) => t.slug === 'studio').label).toBe('In the studio');
    expect(await feedIds('studio')).toContain(item.id);
    expect(await logEntries('tag_renamed')).toContainEqual(
      expect.objectContaining({ details: expect.objectContaining({ slug: 'studio', from: 'Studio', to: 'In the studio' }) }),
    );
  });

  it('deactivates a tag (no longer offered, items keep it) and reactivates it', async () => {
    const item = await publish(['vintage']);
    expect((await adminCall('/api/admin/tags/vintage', 'PATCH', { active: false })).body).toMatchObject({
      active: false,
      count: 1,
    });
    expect((await call(h.app, '/api/tags')).body.map((t: { slug: string }) => t.slug)).not.toContain('vintage');
    const refused = await uploadFile(h.app, owner, await makeImage('jpeg', 60, 40), 'v.jpg');
    expect((await share(h, owner, refused.body.id, { tags: ['vintage'], policyAgreed: true })).status).toBe(400);
    expect(await feedIds('vintage')).toEqual([item.id]);
    expect((await adminCall('/api/admin/tags/vintage', 'PATCH', { active: true })).body).toMatchObject({ active: true });
    expect((await share(h, owner, refused.body.id, { tags: ['vintage'], policyAgreed: true })).status).toBe(200);
    expect((await logEntries('tag_deactivated')).length).toBeGreaterThan(0);
    expect((await logEntries('tag_reactivated')).length).toBeGreaterThan(0);
  });

  it('refuses bad input with the field named and an unknown tag, and changes nothing', async () => {
    const before = await snapshot();
    const cases: [unknown, RegExp][] = [
      [{}, /give label, active or both/],
      [{ label: '   ' }, /^Invalid field "label": must not be empty/],
      [{ label: 'x'.repeat(65) }, /^Invalid field "label": must be at most 64/],
      [{ label: 'Evil\u202Eright' }, /^Invalid field "label": must not contain control/],
      [{ active: 'yes' }, /^Invalid field "active"/],
      [{ slug: 'renamed' }, /Unknown field "slug"/],
    ];
    for (const [body, message] of cases) {
      const res = await adminCall('/api/admin/tags/night', 'PATCH', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message, JSON.stringify(body)).toMatch(message);
    }
    expect((await adminCall('/api/admin/tags/nope', 'PATCH', { label: 'Nope' })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe('POST /api/admin/tags/:slug/merge', () => {
  it('moves every item to the target (nothing lost), keeps counts right, and the old slug finds the items', async () => {
    const onlyFrom = await publish(['street']);
    const both = await publish(['street', 'urban', 'beach']);
    const onlyInto = await publish(['urban']);
    await adminCall('/api/admin/tags/street/aliases', 'POST', { alias: 'streets' });
    const urbanBefore = (await tagOf('urban')).count;

    const res = await adminCall('/api/admin/tags/street/merge', 'POST', { into: 'urban' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ moved: 2, tag: { slug: 'urban', count: urbanBefore + 1 } });
    expect(res.body.tag.aliases).toEqual(
      expect.arrayContaining([
        { alias: 'street', origin: 'admin' },
        { alias: 'street-photography', origin: 'file' },
        { alias: 'streets', origin: 'admin' },
      ]),
    );

    // Every item keeps every tag it had, under the tag merged into.
    expect((await shareState(h, onlyFrom.mediaId)).tags).toEqual(['urban']);
    expect((await shareState(h, both.mediaId)).tags).toEqual(['beach', 'urban']);
    expect((await shareState(h, onlyInto.mediaId)).tags).toEqual(['urban']);
    for (const slug of ['street', 'urban', 'beach']) expect((await tagOf(slug)).count, slug).toBe(await countedTheSlowWay(slug));
    expect(await tagOf('street')).toMatchObject({ active: false, count: 0, aliases: [], mergedInto: 'urban' });

    // Filters, old links and new shares by the merged slug or its aliases find the items where they are.
    for (const name of ['street', 'streets', 'street-photography'])
      expect((await feedIds(name)).slice(0, 3), name).toEqual([onlyInto.id, both.id, onlyFrom.id]);
    const later = await publish(['street']);
    expect((await shareState(h, later.mediaId)).tags).toEqual(['urban']);
    expect((await call(h.app, '/api/tags')).body.map((t: { slug: string }) => t.slug)).not.toContain('street');

    expect(await logEntries('tag_merged')).toContainEqual(
      expect.objectContaining({
        targetKind: 'tag',
        details: expect.objectContaining({ slug: 'street', into: 'urban', moved: 2 }),
      }),
    );
  });

  it('refuses merging into itself, into an unknown or inactive tag, a merged tag, or reviving one; changes nothing', async () => {
    await adminCall('/api/admin/tags/minimalist', 'PATCH', { active: false });
    const before = await snapshot();
    const cases: [string, unknown, number, string | RegExp][] = [
      ['night', { into: 'night' }, 400, 'A tag cannot be merged into itself'],
      ['night', { into: ' NIGHT ' }, 400, 'A tag cannot be merged into itself'],
      ['night', { into: 'nope' }, 404, 'Tag not found: nope'],
      ['nope', { into: 'night' }, 404, 'Tag not found: nope'],
      ['night', { into: 'b&w' }, 400, /^Invalid field "into": must be lower-case words/],
      ['night', {}, 400, /^Invalid field "into"/],
      ['night', { into: 'minimalist' }, 409, 'The tag minimalist is inactive; reactivate it before merging into it'],
      ['street', { into: 'night' }, 409, "The tag street was merged into urban; its name now finds urban's items"],
    ];
    for (const [slug, body, status, message] of cases) {
      const res = await adminCall(`/api/admin/tags/${slug}/merge`, 'POST', body);
      expect(res.status, `${slug} ${JSON.stringify(body)}`).toBe(status);
      expect(res.body.message).toMatch(message);
    }
    expect(await adminCall('/api/admin/tags/street', 'PATCH', { active: true })).toMatchObject({ status: 409 });
    expect(await adminCall('/api/admin/tags/street/aliases', 'POST', { alias: 'road' })).toMatchObject({ status: 409 });
    expect(await snapshot()).toEqual(before);
  });

  it('is the same over tRPC, with the same refusals', async () => {
    const trpc = trpcFor(h.app, admin.cookie);
    await publish(['abstract']);
    const merged = await trpc.tags.admin.merge.mutate({ slug: 'abstract', into: 'artistic' });
    expect(merged).toMatchObject({ moved: 1, tag: { slug: 'artistic' } });
    expect(await outcome(trpc.tags.admin.merge.mutate({ slug: 'night', into: 'night' }))).toEqual({
      status: 400,
      body: { message: 'A tag cannot be merged into itself' },
    });
    expect(await outcome(trpc.tags.admin.createAlias.mutate({ slug: 'night', alias: 'city' }))).toEqual({
      status: 409,
      body: { message: '"city" is already an alias of the tag urban' },
    });
    expect(await trpc.tags.admin.update.mutate({ slug: 'night', label: 'Night time' })).toMatchObject({ label: 'Night time' });
    expect((await outcome(trpc.tags.admin.update.mutate({ slug: 'night' }))).status).toBe(400);
  });
});

describe('admin edits and pnpm tags:sync', () => {
  it('keeps admin aliases and merges, sets labels and activity of listed slugs back to the file, and lets the file take a name', async () => {
    await adminCall('/api/admin/tags/water/aliases', 'POST', { alias: 'lake' });
    await adminCall('/api/admin/tags/travel/aliases', 'POST', { alias: 'journey' });
    await adminCall('/api/admin/tags/portrait', 'PATCH', { label: 'Portraits' });
    await adminCall('/api/admin/tags/landscape', 'PATCH', { active: false });
    const item = await publish(['colorful']);
    await adminCall('/api/admin/tags/colorful/merge', 'POST', { into: 'artistic' });

    // The shipped file lists street, abstract and colorful as tags of their own, and gives "journey" to a new tag.
    const result = await syncTags(h.deps, [...DEFAULT_TAGS, { slug: 'trek', label: 'Trek', aliases: ['journey'] }]);
    expect(result.keptMerged.sort()).toEqual(['abstract', 'colorful', 'street']);
    expect(result).toMatchObject({
      relabeled: expect.arrayContaining(['portrait', 'night']),
      reactivated: expect.arrayContaining(['landscape']),
    });

    expect((await tagOf('water')).aliases).toContainEqual({ alias: 'lake', origin: 'admin' });
    expect((await tagOf('travel')).aliases.map((a) => a.alias)).not.toContain('journey');
    expect((await tagOf('trek')).aliases).toEqual([{ alias: 'journey', origin: 'file' }]);
    expect(await tagOf('portrait')).toMatchObject({ label: 'Portrait' });
    expect(await tagOf('landscape')).toMatchObject({ active: true });
    expect(await tagOf('colorful')).toMatchObject({ active: false, mergedInto: 'artistic', aliases: [] });
    expect((await tagOf('artistic')).aliases).toEqual(
      expect.arrayContaining([
        { alias: 'colorful', origin: 'admin' },
        { alias: 'colourful', origin: 'file' },
      ]),
    );
    expect(await feedIds('colorful')).toContain(item.id);
    expect((await shareState(h, item.mediaId)).tags).toEqual(['artistic']);

    // A second sync changes nothing more: the merge stays kept.
    const again = await syncTags(h.deps, [...DEFAULT_TAGS, { slug: 'trek', label: 'Trek', aliases: ['journey'] }]);
    expect(again).toMatchObject({ added: [], relabeled: [], reactivated: [], deactivated: [], merged: [] });
    expect((await tagOf('water')).aliases).toContainEqual({ alias: 'lake', origin: 'admin' });
  });
});
