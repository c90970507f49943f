import { rm } from 'node:fs/promises';
import type { Connection } from '@mediashare/db';
import type { AppDeps } from '../deps';
import { listenForBackups } from './control-channel';
import { createDeleteHold } from './delete-hold';
import { snapshotsDir, takeSnapshot } from './snapshot';

/**
 * What the server adds for `pnpm backup` when it runs on the embedded default: storage whose deletes a
 * backup can hold, and the control socket through which the backup asks for its snapshot. Elsewhere
 * (PostgreSQL, Supabase) the deps pass through unchanged.
 */
export const startBackupControl = async <D extends AppDeps & { db: { connection: Connection } }>(
  deps: D,
): Promise<{ deps: D; close(): Promise<void> }> => {
  const { env, logger } = deps;
  const { connection } = deps.db;
  if (env.DATABASE_URL || env.STORAGE_DRIVER !== 'local' || !connection.dump) return { deps, close: async () => {} };

  // Left by a server that stopped while a backup was copying; this process holds the data dir now.
  await rm(snapshotsDir(env.DATA_DIR), { recursive: true, force: true });
  const hold = createDeleteHold(deps.storage);
  const channel = await listenForBackups({
    dataDir: env.DATA_DIR,
    logger,
    snapshot: () => takeSnapshot({ dataDir: env.DATA_DIR, dump: () => connection.dump!(), hold }),
  });
  return { deps: { ...deps, storage: hold.storage }, close: async () => channel?.close() };
};
