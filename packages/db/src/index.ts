export { connect, migrationsFolder, LOCK_NAMESPACE, type Connection, type ConnectOptions, type Executor } from './client';
export { createDatabase, openDatabase, reposFor } from './database';
export * as schema from './schema';
