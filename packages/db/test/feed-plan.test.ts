import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connect, createDatabase } from '../src';
import { users } from '../src/schema';

/**
 * Keyset pages must come straight off an index, in order: a plan with a Sort reads and sorts every
 * matching row, which is fine on ten rows and takes most of a second on a million. Scans that lose
 * the order, and sorting, are priced out, so the planner shows what the indexes allow, whatever the
 * table size: a Sort left in the plan means no index can give the order.
 */
describe('feed and vault query plans', () => {
  it('read pages in index order, with no sort, filtered or not', async () => {
    const queries: { query: string; params: unknown[] }[] = [];
    const connection = await connect({ dataDir: 'memory://', onQuery: (query, params) => queries.push({ query, params }) });
    await connection.migrate();
    const db = createDatabase(connection);
    try {
      const [user] = await connection.db
        .insert(users)
        .values({ email: 'plan@example.test', username: 'plan', passwordHash: 'x' })
        .returning();
      const night =
        (await db.tags.seedIfEmpty([
          { slug: 'night', label: 'Night' },
          { slug: 'urban', label: 'Urban' },
        ]),
        await db.tags.findActive());
      const [a, b] = night;
      const cursor = { createdAt: new Date(), id: 1_000_000 };
      const run = async (fn: () => Promise<unknown>) => {
        queries.length = 0;
        await fn();
        return queries[0] ?? { query: '', params: [] };
      };
      const plans = [
        await run(() => db.community.findFeed({ limit: 25, tagIds: [] })),
        await run(() => db.community.findFeed({ limit: 25, tagIds: [], cursor, origin: 'generated' })),
        await run(() => db.community.findFeed({ limit: 25, tagIds: [a!.id], cursor })),
        await run(() => db.community.findFeed({ limit: 25, tagIds: [a!.id, b!.id], origin: 'uploaded' })),
        await run(() => db.media.listOwned(user!.id, { limit: 31, cursor })),
        await run(() => db.community.findFeed({ limit: 25, tagIds: [], userId: user!.id, cursor })),
        await run(() => db.community.findFeed({ limit: 25, tagIds: [a!.id, b!.id], userId: user!.id, origin: 'uploaded' })),
      ];
      for (const setting of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort'])
        await connection.db.execute(sql.raw(`set ${setting} = off`));
      for (const { query, params } of plans) {
        const explained = (await connection.db.execute(sql.raw(`explain ${inline(query, params)}`))) as unknown as {
          rows: Record<string, string>[];
        };
        const plan = explained.rows.map((r) => r['QUERY PLAN']).join('\n');
        expect([query, plan]).toEqual([query, expect.not.stringMatching(/\bSort\b/)]);
        expect(plan).toMatch(/Index (Only )?Scan/);
      }
    } finally {
      await connection.close();
    }
  });
});

/** Puts parameters into the SQL text, for EXPLAIN (which cannot take bind parameters here). */
const inline = (query: string, params: unknown[]) =>
  query.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (typeof value === 'number') return String(value);
    if (value instanceof Date) return `'${value.toISOString()}'`;
    return `'${String(value).replaceAll("'", "''")}'`;
  });
