export {
  connect,
  DataDirInUseError,
  migrationsFolder,
  LOCK_NAMESPACE,
  type Connection,
  type ConnectOptions,
  type Executor,
} from './client';
export { createDatabase, isConnectionLoss, openDatabase, reposFor } from './database';
export { EmbeddedDatabaseMissingError, latestKnownMigration, loadEmbedded, openStoppedEmbedded } from './embedded-copy';
export type { EmbeddedDatabaseInfo, EmbeddedDump } from './embedded-dump';
export * as schema from './schema';
