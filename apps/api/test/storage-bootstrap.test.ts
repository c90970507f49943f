import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_PROJECT_FILE_SIZE_LIMIT, startSupabaseStandIn, type SupabaseStandIn } from '@mediashare/storage/stand-in';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

const bootstrap = (env: Record<string, string>) =>
  promisify(execFile)('pnpm', ['--silent', 'storage:bootstrap'], { cwd: root, env: { ...process.env, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

// It needs no database: once is enough.
describe.runIf(inject('dbMode') !== 'postgres')('pnpm storage:bootstrap on a new Supabase project (50 MB global limit)', () => {
  let standIn: SupabaseStandIn;
  beforeEach(async () => {
    standIn = await startSupabaseStandIn();
  });
  afterEach(() => standIn.close());

  it('with the default MAX_UPLOAD_BYTES (2 GiB): fails naming the settings to change, and creates nothing', async () => {
    const { code, stdout, stderr } = await bootstrap({
      SUPABASE_URL: standIn.url,
      SUPABASE_SERVICE_ROLE_KEY: standIn.serviceKey,
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^storage:bootstrap failed: Supabase refused a file size limit of 2147483648 bytes for the bucket user-media/,
    );
    expect(stderr).toMatch(/Global file size limit.*FILE_SIZE_LIMIT.*MAX_UPLOAD_BYTES/s);
    expect(standIn.store.buckets.size).toBe(0);
  });

  it("with MAX_UPLOAD_BYTES at the project's limit: creates both buckets", async () => {
    const { code, stdout } = await bootstrap({
      SUPABASE_URL: standIn.url,
      SUPABASE_SERVICE_ROLE_KEY: standIn.serviceKey,
      MAX_UPLOAD_BYTES: String(DEFAULT_PROJECT_FILE_SIZE_LIMIT),
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^user-media\s+created\s+public: false; file size limit: 52428800 bytes/m);
    expect(stdout).toMatch(/^general\s+created\s+public: true/m);
  });
});
