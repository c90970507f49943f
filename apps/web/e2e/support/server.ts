import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freshDatabase, REPO_ROOT, startBuiltServer } from '@mediashare/testing';

/**
 * The built server, as `pnpm start` runs it, on a fresh data folder and (with DATABASE_URL, as in CI)
 * a PostgreSQL database of its own; the embedded PGlite otherwise.
 */
export const startServer = async (env: Record<string, string> = {}, options: { nodeArgs?: string[] } = {}) => {
  const database = await freshDatabase('mediashare_e2e');
  const server = await startBuiltServer({ ...database.env, ...env }, options);
  return {
    url: server.url,
    output: server.output,
    async stop() {
      await server.stop();
      await database.drop();
    },
  };
};

export type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * An admin account, made as an operator makes one (an account, then the role) before the server opens
 * the database named by `env`.
 */
export const seedAdmin = async (env: Record<string, string>, admin: { email: string; username: string; password: string }) => {
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'test/support/seed-admin.ts', admin.email, admin.username, admin.password],
    { cwd: path.join(REPO_ROOT, 'apps/api'), env: { ...process.env, ...env } },
  );
};

/**
 * The built server on a data folder and database of its own, with an admin account seeded before it
 * starts; `stop()` removes all three.
 */
export const startWithAdmin = async (
  name: string,
  admin: { email: string; username: string; password: string },
  env: Record<string, string> = {},
) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), `mediashare-e2e-${name}-`));
  const database = await freshDatabase('mediashare_e2e');
  try {
    const base = { ...database.env, DATA_DIR: dataDir };
    await seedAdmin(base, admin);
    const server = await startBuiltServer({ ...base, ...env });
    return {
      url: server.url,
      async stop() {
        await server.stop();
        await database.drop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
};
