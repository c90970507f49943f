import { encodeCursor } from '@mediashare/core';
import { freshDatabase, startBuiltServer } from '@mediashare/testing';
import postgres from 'postgres';
import { median, timeRuns } from '../measure';
import { DATABASE_URL } from '../env';
import { row, skipped, type Row } from '../report';
import type { Settings } from '../settings';

const PAGE = 24;
/** Page 1000, or the deepest page a smaller (smoke) feed has. */
const deepPageOf = (rows: number) => Math.min(1000, Math.floor(rows / PAGE / 2));

/**
 * Fills the feed straight in SQL: `rows` community items over two years, newest last; `night` on
 * about 30% of them, `urban` on about 20%, and `vintage` only on old ones (the first 1%).
 */
const seedFeed = async (databaseUrl: string, rows: number) => {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`select setseed(0.42)`;
    await sql`insert into users (email, username, password_hash) select 'feed' || g || '@example.test', 'feed' || g, 'x' from generate_series(1, 200) g`;
    const [range] = await sql<{ min: number; max: number }[]>`select min(id), max(id) from users where username like 'feed%'`;
    await sql`
      insert into community_media (user_id, file_path, mime_type, size, width, height, source, watermarked, created_at, updated_at)
      select ${range!.min} + (g % 200), 'seed-' || g || '.jpg', 'image/jpeg', 100000, 1600, 1200,
             case when g % 5 = 0 then 'babecock' else 'upload' end, g % 5 <> 0,
             now() - interval '2 years' + (g * (interval '2 years' / ${rows})), now()
      from generate_series(1, ${rows}) g`;
    const tag = async (slug: string) => (await sql<{ id: number }[]>`select id from tags where slug = ${slug}`)[0]!.id;
    const [night, urban, vintage, other] = [await tag('night'), await tag('urban'), await tag('vintage'), await tag('beach')];
    await sql`insert into community_media_tags (community_media_id, tag_id, created_at) select id, ${night}, created_at from community_media where random() < 0.3`;
    await sql`insert into community_media_tags (community_media_id, tag_id, created_at) select id, ${urban}, created_at from community_media where random() < 0.2`;
    await sql`insert into community_media_tags (community_media_id, tag_id, created_at) select id, ${other}, created_at from community_media where random() < 0.25`;
    await sql`
      insert into community_media_tags (community_media_id, tag_id, created_at)
      select id, ${vintage}, created_at from community_media order by created_at, id limit ${Math.max(PAGE * 2, Math.floor(rows / 100))}`;
    await sql`analyze`;
    const [deep] = await sql<{ created_at: Date; id: number }[]>`
      select created_at, id from community_media order by created_at desc, id desc offset ${PAGE * (deepPageOf(rows) - 1) - 1} limit 1`;
    return { deepCursor: encodeCursor({ createdAt: deep!.created_at, id: deep!.id }) };
  } finally {
    await sql.end();
  }
};

/** 6. Feed at many rows: deep page / first page, old tag / common tag, two tags / one tag. */
export const feedSuite = async (settings: Settings): Promise<Row[]> => {
  const ratios = [
    ['deep', 'page 1000 / page 1'],
    ['old tag', 'first page of a tag whose items are all old / of a common tag'],
    ['two tags', 'two-tag filter / one-tag filter'],
    ['profile', "first page of one user's items / page 1 of the whole feed"],
    ['tag suggestions', 'GET /api/tags/suggest p50, ms'],
  ] as const;
  if (!DATABASE_URL) {
    return ratios.map(([name, ratioOf]) =>
      skipped('6', `Feed, ${name}`, ratioOf, { op: '<=', bound: name === 'tag suggestions' ? 5 : 2 }, 'needs DATABASE_URL'),
    );
  }
  const database = await freshDatabase('mediashare_bench');
  const server = await startBuiltServer(database.env);
  try {
    const { deepCursor } = await seedFeed(database.env.DATABASE_URL, settings.feedRows);
    const latencyOf = async (path: string) => {
      const times = await timeRuns(settings.smoke ? 20 : 60, async () => {
        const res = await fetch(`${server.url}${path}`);
        const body = (await res.json()) as { items: unknown[] } | unknown[];
        const count = Array.isArray(body) ? body.length : body.items.length;
        if (res.status !== 200 || count === 0) throw new Error(`${path} answered ${res.status} with ${count} items`);
      });
      return median(times);
    };
    const latency = (query: string) => latencyOf(`/api/community?limit=${PAGE}${query}`);
    const first = await latency('');
    const deep = await latency(`&cursor=${deepCursor}`);
    const common = await latency('&tags=night');
    const old = await latency('&tags=vintage');
    const two = await latency('&tags=night,urban');
    // A profile is read off (user_id, created_at, id); each of the 200 users has rows / 200 items.
    const profile = await latency('&user=feed7');
    const profileTagged = await latency('&user=feed7&tags=night');
    // Prefix and alias matches over the vocabulary, ranked by the counts kept on the tag rows.
    const suggest = await latencyOf('/api/tags/suggest?q=n');
    const figures = { rows: settings.feedRows };
    return [
      row({
        id: '6a',
        name: 'Feed, deep page',
        ratioOf: `page ${deepPageOf(settings.feedRows)} / page 1 (p50)`,
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
        ratioOf: "first page of one user's items / page 1 of the whole feed (p50)",
        value: profile / first,
        target: { op: '<=', bound: 2 },
        figures: { profileMs: profile, profileTaggedMs: profileTagged, page1Ms: first, ...figures },
      }),
      row({
        id: '6e',
        name: 'Feed, tag suggestions',
        ratioOf: 'GET /api/tags/suggest?q=n p50, ms (over HTTP)',
        value: suggest,
        target: { op: '<=', bound: 5 },
        figures: { suggestMs: suggest, ...figures },
      }),
    ];
  } finally {
    await server.stop();
    await database.drop();
  }
};
