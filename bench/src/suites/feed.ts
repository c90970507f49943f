import { encodeCursor } from '@mediashare/core';
import { freshDatabase, startBuiltServer } from '@mediashare/testing';
import postgres from 'postgres';
import { median } from '../measure';
import { DATABASE_URL } from '../env';
import { row, skipped, type Row } from '../report';
import type { Settings } from '../settings';

const PAGE = 24;
/** Page 1000, or the deepest page a smaller (smoke) feed has. */
const deepPageOf = (rows: number) => Math.min(1000, Math.floor(rows / PAGE / 2));

const YEARS_2 = 2 * 365 * 24 * 3600 * 1000;

/**
 * Fills the feed straight in SQL, in stages (so tag suggestions can be timed at each size): `rows`
 * community items over two years, newest last; `night` on about 30% of them, `urban` on about 20%, and
 * `vintage` only on old ones (the first 1%), `cinematic` on 0.2% (rarer than
 * any one user's items). 200 users own them in turn, except the oldest 0.1%, which
 * belong to `feedold` alone: a profile whose items are all old.
 */
const createSeeder = async (databaseUrl: string, rows: number) => {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql`select setseed(0.42)`;
  await sql`insert into users (email, username, password_hash) select 'feed' || g || '@example.test', 'feed' || g, 'x' from generate_series(1, 200) g`;
  await sql`insert into users (email, username, password_hash) values ('feedold@example.test', 'feedold', 'x')`;
  const [range] = await sql<{ min: number; max: number }[]>`select min(id), max(id) from users where username ~ '^feed[0-9]+$'`;
  const [old] = await sql<{ id: number }[]>`select id from users where username = 'feedold'`;
  const tag = async (slug: string) => (await sql<{ id: number }[]>`select id from tags where slug = ${slug}`)[0]!.id;
  const [night, urban, vintage, other, rare] = [
    await tag('night'),
    await tag('urban'),
    await tag('vintage'),
    await tag('beach'),
    await tag('cinematic'),
  ];
  const base = new Date(Date.now() - YEARS_2 - 60_000);
  const stepMs = YEARS_2 / rows;
  const oldCount = Math.max(PAGE * 2, Math.floor(rows / 1000));
  const vintageCount = Math.max(PAGE * 2, Math.floor(rows / 100));
  let seeded = 0;

  /** Adds items up to `upTo` in all (the same items, in the same order, as one insert would make). */
  const seedUpTo = async (upTo: number) => {
    if (upTo <= seeded) return;
    const [last] = await sql<{ id: number }[]>`select coalesce(max(id), 0)::int as id from community_media`;
    await sql`
      insert into community_media (user_id, file_path, mime_type, size, width, height, source, watermarked, created_at, updated_at)
      select case when g <= ${oldCount} then ${old!.id} else ${range!.min} + (g % 200) end,
             'seed-' || g || '.jpg', 'image/jpeg', 100000, 1600, 1200,
             case when g % 5 = 0 then 'babecock' else 'upload' end, g % 5 <> 0,
             ${base}::timestamptz + g * (${stepMs}::float8 * interval '1 millisecond'), now()
      from generate_series(${seeded + 1}::int, ${upTo}::int) g`;
    const fresh = sql`from community_media where id > ${last!.id}`;
    await sql`insert into community_media_tags (community_media_id, tag_id, created_at) select id, ${night}, created_at ${fresh} and random() < 0.3`;
    await sql`insert into community_media_tags (community_media_id, tag_id, created_at) select id, ${urban}, created_at ${fresh} and random() < 0.2`;
    await sql`insert into community_media_tags (community_media_id, tag_id, created_at) select id, ${other}, created_at ${fresh} and random() < 0.25`;
    await sql`insert into community_media_tags (community_media_id, tag_id, created_at) select id, ${rare}, created_at ${fresh} and random() < 0.002`;
    await sql`
      insert into community_media_tags (community_media_id, tag_id, created_at)
      select id, ${vintage}, created_at ${fresh}
        and created_at <= ${base}::timestamptz + ${vintageCount}::int * (${stepMs}::float8 * interval '1 millisecond')`;
    // Vacuumed as well, as a live table is: autovacuum would otherwise run through the timings.
    await sql`vacuum analyze`;
    seeded = upTo;
  };

  const deepCursor = async () => {
    const [deep] = await sql<{ created_at: Date; id: number }[]>`
      select created_at, id from community_media order by created_at desc, id desc offset ${PAGE * (deepPageOf(rows) - 1) - 1} limit 1`;
    return encodeCursor({ createdAt: deep!.created_at, id: deep!.id });
  };

  return { seedUpTo, deepCursor, close: () => sql.end() };
};

/** Items in the small table that tag suggestions are first timed on, and the size the issue names. */
const SMALL_FEED = 1000;
const NAMED_FEED = 100_000;

/**
 * 6. Feed at many rows: deep page / first page, old tag / common tag, two tags / one tag, a profile
 * with many items and one whose items are all old / the first page, and tag suggestions at the full
 * table / at a small one (and at 100k items, the size the 5 ms target names).
 */
export const feedSuite = async (settings: Settings): Promise<Row[]> => {
  const ratios = [
    ['6a', 'deep page', 'page 1000 / page 1', 2],
    ['6b', 'old tag', 'first page of a tag whose items are all old / of a common tag', 2],
    ['6c', 'two tags', 'two-tag filter / one-tag filter', 2],
    ['6d', 'profile', 'first page of a user with many items / page 1 of the whole feed', 2],
    ['6e', 'old profile', 'first page of a user whose items are all old / page 1 of the whole feed', 2],
    ['6f', 'tag suggestions', 'GET /api/tags/suggest p50 at the full table / at a small one (each over /healthz)', 2],
    ['6g', 'tag suggestions at 100k items', 'GET /api/tags/suggest p50, ms', 5],
  ] as const;
  if (!DATABASE_URL) {
    return ratios.map(([id, name, ratioOf, bound]) =>
      skipped(id, `Feed, ${name}`, ratioOf, { op: '<=', bound }, 'needs DATABASE_URL'),
    );
  }
  const rows = settings.feedRows;
  const database = await freshDatabase('mediashare_bench');
  const server = await startBuiltServer(database.env);
  const seeder = await createSeeder(database.env.DATABASE_URL, rows);
  try {
    // In a small (smoke) feed the person may have no item with the rare or the old tag: an empty page is
    // an answer too.
    const mayBeEmpty = new Set<string>();
    const check = async (path: string) => {
      const res = await fetch(`${server.url}${path}`);
      const body = (await res.json()) as { items: unknown[] } | { status: string } | unknown[];
      const count = Array.isArray(body) ? body.length : 'items' in body ? body.items.length : 1;
      if (res.status !== 200 || (count === 0 && !mayBeEmpty.has(path)))
        throw new Error(`${path} answered ${res.status} with ${count} items`);
    };
    /**
     * p50 wall time of each path, the paths taken in turn within every round, so a change in the
     * machine's load moves all of them alike.
     */
    const latencies = async <K extends string>(paths: Record<K, string>) => {
      const entries = Object.entries(paths) as [K, string][];
      for (const [, path] of entries) await check(path);
      const times = Object.fromEntries(entries.map(([name]) => [name, [] as number[]])) as Record<K, number[]>;
      for (let i = 0; i < (settings.smoke ? 20 : 60); i++)
        for (const [name, path] of entries) {
          const start = performance.now();
          await check(path);
          times[name].push(performance.now() - start);
        }
      return Object.fromEntries(entries.map(([name]) => [name, median(times[name])])) as Record<K, number>;
    };
    // Prefix and alias matches over the vocabulary, ranked by the counts kept on the tag rows: the
    // same query at every size of the feed. /healthz (one database ping) beside it shows the floor
    // that any answer has on this machine at that moment.
    const SUGGEST = '/api/tags/suggest?q=n';
    const smallRows = Math.min(SMALL_FEED, rows);
    await seeder.seedUpTo(smallRows);
    const small = await latencies({ suggest: SUGGEST, health: '/healthz' });
    const namedRows = Math.min(NAMED_FEED, rows);
    await seeder.seedUpTo(namedRows);
    const named = await latencies({ suggest: SUGGEST, health: '/healthz' });
    await seeder.seedUpTo(rows);
    const deepCursor = await seeder.deepCursor();

    const feed = (query: string) => `/api/community?limit=${PAGE}${query}`;
    // A profile is read off (user_id, created_at, id): feed7 has rows / 200 items over the two years,
    // feedold only the oldest 0.1%. With a tag, off (tag_id, user_id, created_at, id): cinematic meets
    // 0.2% of feed7's items and vintage only their oldest, and each is one range all the same.
    mayBeEmpty.add(feed('&user=feed7&tags=cinematic')).add(feed('&user=feed7&tags=vintage'));
    const full = await latencies({
      first: feed(''),
      deep: feed(`&cursor=${deepCursor}`),
      common: feed('&tags=night'),
      old: feed('&tags=vintage'),
      two: feed('&tags=night,urban'),
      profile: feed('&user=feed7'),
      profileTagged: feed('&user=feed7&tags=night'),
      profileRareTag: feed('&user=feed7&tags=cinematic'),
      profileOldTag: feed('&user=feed7&tags=vintage'),
      oldProfile: feed('&user=feedold'),
      oldProfileTagged: feed('&user=feedold&tags=vintage'),
      suggest: SUGGEST,
      health: '/healthz',
    });
    const { first, deep, common, old, two, profile, profileTagged, profileRareTag, profileOldTag, oldProfile, oldProfileTagged } =
      full;
    const figures = { rows };
    return [
      row({
        id: '6a',
        name: 'Feed, deep page',
        ratioOf: `page ${deepPageOf(rows)} / page 1 (p50)`,
        value: deep / first,
        target: { op: '<=', bound: 2 },
        figures: { deepPageMs: deep, page1Ms: first, ...figures },
      }),
      row({
        id: '6b',
        name: 'Feed, old tag',
        ratioOf: 'first page of a tag whose items are all old / of a common tag',
        value: old / common,
        target: { op: '<=', bound: 2 },
        figures: { oldTagMs: old, commonTagMs: common, ...figures },
      }),
      row({
        id: '6c',
        name: 'Feed, two tags',
        ratioOf: 'two-tag filter / one-tag filter (p50)',
        value: two / common,
        target: { op: '<=', bound: 2 },
        figures: { twoTagsMs: two, oneTagMs: common, ...figures },
      }),
      row({
        id: '6d',
        name: 'Feed, profile',
        ratioOf: 'first page of a user with many items / page 1 of the whole feed (p50)',
        value: profile / first,
        target: { op: '<=', bound: 2 },
        figures: {
          profileMs: profile,
          profileTaggedMs: profileTagged,
          profileRareTagMs: profileRareTag,
          profileOldTagMs: profileOldTag,
          page1Ms: first,
          userItems: Math.floor(rows / 200),
          ...figures,
        },
      }),
      row({
        id: '6e',
        name: 'Feed, old profile',
        ratioOf: 'first page of a user whose items are all old / page 1 of the whole feed (p50)',
        value: oldProfile / first,
        target: { op: '<=', bound: 2 },
        figures: { oldProfileMs: oldProfile, oldProfileTaggedMs: oldProfileTagged, page1Ms: first, ...figures },
      }),
      row({
        id: '6f',
        name: 'Feed, tag suggestions',
        ratioOf: `GET ${SUGGEST} p50 at ${rows} items / at ${smallRows}, each over /healthz in the same rounds`,
        value: full.suggest / full.health / (small.suggest / small.health),
        target: { op: '<=', bound: 2 },
        figures: {
          fullMs: full.suggest,
          smallMs: small.suggest,
          fullHealthzMs: full.health,
          smallHealthzMs: small.health,
          ...figures,
        },
      }),
      row({
        id: '6g',
        name: `Feed, tag suggestions at ${namedRows} items`,
        ratioOf: `GET ${SUGGEST} p50 over HTTP, ms`,
        value: named.suggest,
        target: { op: '<=', bound: 5 },
        figures: {
          suggestMs: named.suggest,
          healthzMs: named.health,
          aboveHealthzMs: named.suggest - named.health,
          rows: namedRows,
        },
      }),
    ];
  } finally {
    await seeder.close();
    await server.stop();
    await database.drop();
  }
};
