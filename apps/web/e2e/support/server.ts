import { freshDatabase, startBuiltServer } from '@mediashare/testing';

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
