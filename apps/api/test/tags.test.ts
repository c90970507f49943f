import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_TAGS, syncTags } from '@mediashare/core';
import { schema } from '@mediashare/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { call } from './support/http';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('canonical tags', () => {
  it('ships about forty neutral tags, served by GET /api/tags', async () => {
    expect(DEFAULT_TAGS.length).toBeGreaterThanOrEqual(35);
    const res = await call(h.app, '/api/tags');
    expect(res.status).toBe(200);
    const slugs = (res.body as { slug: string }[]).map((t) => t.slug);
    expect(slugs).toEqual(expect.arrayContaining(['landscape', 'portrait', 'black-and-white', 'night']));
    // The API documentation's own examples must be usable as they stand.
    expect(slugs).toEqual(expect.arrayContaining(['brunette', 'solo', 'artistic']));
  });
});

// The sync rewrites the whole table, so it gets a database of its own.
describe('tags:sync', () => {
  it('adds, relabels and deactivates without losing assignments, and reactivates', async () => {
    const own = await createHarness({ isolated: true });
    try {
      const user = await createUser(own.app);
      const [night] = await own.sql.select().from(schema.tags).where(eq(schema.tags.slug, 'night'));
      const [copy] = await own.sql
        .insert(schema.communityMedia)
        .values({
          userId: user.id,
          filePath: 'n-0a1b2c3d.jpg',
          mimeType: 'image/jpeg',
          size: 1,
          source: 'upload',
          watermarked: true,
        })
        .returning();
      await own.sql
        .insert(schema.communityMediaTags)
        .values({ communityMediaId: copy!.id, tagId: night!.id, createdAt: copy!.createdAt });

      const list = DEFAULT_TAGS.filter((t) => t.slug !== 'night').map((t) =>
        t.slug === 'portrait' ? { ...t, label: 'Portraits' } : t,
      );
      const result = await syncTags(own.deps, [...list, { slug: 'long-exposure', label: 'Long exposure' }]);
      const aliases = list.flatMap((t) => t.aliases ?? []).length;
      expect(result).toEqual({
        added: ['long-exposure'],
        relabeled: ['portrait'],
        deactivated: ['night'],
        reactivated: [],
        aliases,
        merged: [],
        keptMerged: [],
      });

      const active = (await call(own.app, '/api/tags')).body as { slug: string; label: string }[];
      expect(active.find((t) => t.slug === 'night')).toBeUndefined();
      expect(active.find((t) => t.slug === 'portrait')?.label).toBe('Portraits');
      expect(active.find((t) => t.slug === 'long-exposure')).toBeDefined();
      const kept = await own.sql.select().from(schema.communityMediaTags).where(eq(schema.communityMediaTags.tagId, night!.id));
      expect(kept).toHaveLength(1);

      const again = await syncTags(own.deps, [...DEFAULT_TAGS]);
      expect(again).toMatchObject({ reactivated: ['night'], relabeled: ['portrait'], deactivated: ['long-exposure'] });
    } finally {
      await own.close();
    }
  });

  it('rejects a malformed list and changes nothing', async () => {
    const before = (await call(h.app, '/api/tags')).body;
    await expect(syncTags(h.deps, [{ slug: 'Not A Slug', label: 'x' }])).rejects.toThrow(/Invalid tag list/);
    await expect(
      syncTags(h.deps, [
        { slug: 'dup', label: 'a' },
        { slug: 'dup', label: 'b' },
      ]),
    ).rejects.toThrow(/unique/);
    await expect(syncTags(h.deps, { slug: 'x' })).rejects.toThrow(/Invalid tag list/);
    expect((await call(h.app, '/api/tags')).body).toEqual(before);
  });

  it('runs as `pnpm tags:sync <file.json>`', async () => {
    const file = path.join(h.dir, 'tags.json');
    await writeFile(file, JSON.stringify([...DEFAULT_TAGS]));
    const env =
      inject('dbMode') === 'postgres'
        ? { DATABASE_URL: inject('databaseUrl') }
        : { DATA_DIR: path.join(h.dir, 'cli-data'), DATABASE_URL: '' };
    const root = path.resolve(import.meta.dirname, '../../..');
    const { stdout } = await promisify(execFile)('pnpm', ['--silent', 'tags:sync', file], {
      cwd: root,
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    });
    expect(stdout).toMatch(/^added\s+\d+/m);
    expect(stdout).toMatch(/^deactivated\s+\d+/m);
  });
});
