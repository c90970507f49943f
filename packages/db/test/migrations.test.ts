import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrationsFolder, openDatabase } from '../src';
import { DRIVERS, openFresh } from './databases';

const TABLES = [
  'activity_log',
  'api_tokens',
  'blocked_hashes',
  'community_media',
  'community_media_tags',
  'consent_receipts',
  'idempotency_keys',
  'invites',
  'login_throttle',
  'media',
  'moderation_log',
  'password_resets',
  'pending_deletes',
  'rate_limits',
  'recovery_codes',
  'rendition_jobs',
  'reports',
  'sessions',
  'share_claims',
  'share_link_salts',
  'share_link_visits',
  'share_links',
  'storage_intents',
  'storage_reservations',
  'tag_aliases',
  'tags',
  'two_factor',
  'users',
];

describe.each(DRIVERS)('migrations on %s', (driver) => {
  it('create every table of the design, and running them again changes nothing', async () => {
    const { db, url, drop } = await openFresh(driver);
    try {
      const rows = (await db.connection.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      )) as unknown as { rows?: { table_name: string }[] } & { table_name: string }[];
      const names = (rows.rows ?? rows).map((r) => r.table_name);
      expect(names).toEqual(TABLES);
      if (url) {
        const again = await openDatabase({ url, poolSize: 1 });
        await again.close();
      }
    } finally {
      await drop();
    }
  });
});

describe('committed migrations', () => {
  it('match the drizzle schema (no drift: generating again finds nothing to do)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mediashare-drift-'));
    try {
      await cp(migrationsFolder, path.join(dir, 'migrations'), { recursive: true });
      const config = path.join(dir, 'drizzle.config.mjs');
      await writeFile(
        config,
        `export default { dialect: 'postgresql', schema: ${JSON.stringify(path.resolve('src/schema.ts'))}, out: ${JSON.stringify(path.relative(process.cwd(), path.join(dir, 'migrations')))} };`,
      );
      const before = await readdir(path.join(dir, 'migrations'));
      const { stdout, stderr } = await promisify(execFile)('pnpm', ['exec', 'drizzle-kit', 'generate', `--config=${config}`]);
      expect(`${stdout}${stderr}`).toMatch(/No schema changes/);
      expect(await readdir(path.join(dir, 'migrations'))).toEqual(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
