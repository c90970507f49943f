import { randomUUID } from 'node:crypto';
import { freshDatabase, startBuiltServer, type BuiltServer } from '@mediashare/testing';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { seedMediaRows, signUp, upload } from '../api';
import { photo } from '../fixtures';
import { BENCH_BUDGETS, DATABASE_URL } from '../env';
import { row, skipped, type Row } from '../report';
import type { Settings } from '../settings';

const POOL = 10;
const LINK_ONLY = JSON.stringify({ shareToCommunity: false });

/** Link-only shares per second against one or more servers together, cycling over many items. */
const linkOnlyRate = async (servers: BuiltServer[], cookie: string, ids: number[], connections: number, seconds: number) => {
  let next = 0;
  const runs = await Promise.all(
    servers.map((server) =>
      autocannon({
        url: server.url,
        connections: Math.max(1, Math.round(connections / servers.length)),
        duration: seconds,
        requests: [
          {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/json' },
            body: LINK_ONLY,
            setupRequest: (request) => ({ ...request, path: `/api/media/${ids[next++ % ids.length]}/share` }),
          },
        ],
      }),
    ),
  );
  const requests = runs.reduce((sum, r) => sum + r.requests.total, 0);
  const failures = runs.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
  if (failures > 0) throw new Error(`${failures} of ${requests} share requests failed`);
  return requests / seconds;
};

/**
 * The transaction a link-only share runs, issued straight through postgres.js at the same concurrency
 * and pool size: the floor the API is measured against.
 */
const directSqlRate = async (databaseUrl: string, userId: number, ids: number[], connections: number, seconds: number) => {
  const sql = postgres(databaseUrl, { max: POOL, onnotice: () => {} });
  let done = 0;
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const id = ids[next++ % ids.length] ?? 0;
      await sql.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(${0x6d73}, ${id}) from (select set_config('lock_timeout', '5000ms', true)) as timeout`;
        await tx`
          select m.*, c.*, cm.* from media m
          left join share_claims c on c.media_id = m.id
          left join community_media cm on cm.media_id = m.id
          where m.id = ${id} and m.user_id = ${userId} limit 1`;
        await tx`update media set is_shared = true, share_to_community = false, share_code = coalesce(share_code, ${randomUUID().replaceAll('-', '')}), updated_at = now() where id = ${id} returning *`;
        await tx`insert into activity_log (user_id, action, feature, details) values (${userId}, 'media_shared', 'media_gallery', ${sql.json({ mediaId: id })})`;
      });
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  await sql.end();
  return done / seconds;
};

/** 4. API vs direct SQL; 8. PGlite vs PostgreSQL; 9. two API processes vs one. */
export const shareApiSuite = async (settings: Settings): Promise<Row[]> => {
  const { connections, loadSeconds } = settings;
  if (!DATABASE_URL) {
    return [
      skipped(
        '4',
        'Share API throughput',
        'API link-only shares/s / direct SQL tx/s',
        { op: '>=', bound: 0.6 },
        'needs DATABASE_URL',
      ),
      skipped('8', 'Embedded default', 'PGlite shares/s / PostgreSQL shares/s', { op: '>=', bound: 0.5 }, 'needs DATABASE_URL'),
      skipped('9', 'Two API processes', 'two processes shares/s / one process', { op: '>=', bound: 1.6 }, 'needs DATABASE_URL'),
    ];
  }
  const database = await freshDatabase('mediashare_bench');
  const env = { ...database.env, ...BENCH_BUDGETS };
  const servers = await Promise.all([startBuiltServer(env), startBuiltServer(env)]);
  const embedded = await startBuiltServer({ ...BENCH_BUDGETS, DATABASE_URL: '' });
  try {
    const [first] = servers as [BuiltServer, BuiltServer];
    const { cookie, userId } = await signUp(first.url);
    const ids = await seedMediaRows(database.env.DATABASE_URL, userId, 5000);

    const api = await linkOnlyRate([first], cookie, ids, connections, loadSeconds);
    const direct = await directSqlRate(database.env.DATABASE_URL, userId, ids, connections, loadSeconds);
    const two = await linkOnlyRate(servers, cookie, ids, connections, loadSeconds);

    // PGlite lives inside its server, so its items come through the API.
    const pglite = await signUp(embedded.url);
    const small = await photo('jpeg', 64, 48);
    const embeddedIds: number[] = [];
    for (let i = 0; i < (settings.smoke ? 20 : 100); i++)
      embeddedIds.push((await upload(embedded.url, pglite.cookie, small, `seed-${i}.jpg`)).id);
    const onPglite = await linkOnlyRate([embedded], pglite.cookie, embeddedIds, connections, loadSeconds);

    const figures = { connections, seconds: loadSeconds, poolSize: POOL };
    return [
      row({
        id: '4',
        name: 'Share API throughput (PostgreSQL)',
        ratioOf: 'API link-only shares/s / the same transaction via postgres.js',
        value: api / direct,
        target: { op: '>=', bound: 0.6 },
        figures: { apiPerSecond: api, directPerSecond: direct, ...figures },
      }),
      row({
        id: '8',
        name: 'Embedded default',
        ratioOf: 'link-only shares/s on PGlite / on PostgreSQL',
        value: onPglite / api,
        target: { op: '>=', bound: 0.5 },
        figures: { pglitePerSecond: onPglite, postgresPerSecond: api, ...figures },
      }),
      row({
        id: '9',
        name: 'Two API processes',
        ratioOf: 'link-only shares/s, two processes / one process',
        value: two / api,
        target: { op: '>=', bound: 1.6 },
        figures: { twoProcessesPerSecond: two, oneProcessPerSecond: api, ...figures },
      }),
    ];
  } finally {
    await Promise.all([...servers, embedded].map((s) => s.stop()));
    await database.drop();
  }
};
