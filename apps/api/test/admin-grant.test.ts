import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase } from '@mediashare/db';
import { describe, expect, inject, it } from 'vitest';
import { createUser, uniqueName } from './support/factories';
import { createHarness, type Harness, type TestDatabase } from './support/harness';
import { call } from './support/http';

const API_ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

describe('pnpm admin:grant', () => {
  it('makes the account with that email an admin, by email only, and says so', async () => {
    // The command opens the database itself: PostgreSQL's test database, or an embedded one on disk.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mediashare-grant-'));
    const postgres = inject('dbMode') === 'postgres';
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: postgres ? inject('databaseUrl') : '', LOG_LEVEL: 'silent' };
    /** An API on the database the command sees; on PGlite it must be closed while the command runs. */
    const open = async (): Promise<Harness> =>
      postgres
        ? createHarness()
        : createHarness({ database: (await openDatabase({ dataDir: path.join(dataDir, 'pglite') })) as TestDatabase });
    const close = async (harness: Harness) => {
      await harness.close();
      if (!postgres) await harness.deps.db.close();
    };
    try {
      let h = await open();
      const user = await createUser(h.app);
      // An account whose username is the first one's email, as far as a username can: never picked by it.
      const lookalike = await createUser(h.app, { username: `${user.username}-example` });
      expect((await call(h.app, '/api/auth/me', { cookie: user.cookie })).body.role).toBe('user');
      await close(h);

      const cli = (...args: string[]) =>
        run(process.execPath, ['--import', 'tsx', 'src/cli/admin-grant.ts', ...args], { cwd: API_ROOT, env }).then(
          ({ stdout }) => ({ code: 0, out: stdout }),
          (error: { code: number; stderr: string }) => ({ code: error.code, out: error.stderr }),
        );
      expect(await cli(user.email.toUpperCase())).toEqual({
        code: 0,
        out: `${user.username} <${user.email}> is now an admin: /admin is theirs on their next request.\n`,
      });
      expect(await cli(user.email)).toEqual({ code: 0, out: `${user.username} <${user.email}> is an admin already.\n` });
      expect(await cli(lookalike.username)).toEqual({ code: 1, out: `No account has the email "${lookalike.username}".\n` });
      const nobody = `${uniqueName('nobody')}@example.test`;
      expect(await cli(nobody)).toEqual({ code: 1, out: `No account has the email "${nobody}".\n` });
      expect(await cli()).toEqual({ code: 2, out: 'usage: pnpm admin:grant <email>\n' });

      h = await open();
      try {
        // The role reaches the session already open, and nobody else's.
        expect((await call(h.app, '/api/auth/me', { cookie: user.cookie })).body.role).toBe('admin');
        expect((await call(h.app, '/api/auth/me', { cookie: lookalike.cookie })).body.role).toBe('user');
      } finally {
        await close(h);
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
