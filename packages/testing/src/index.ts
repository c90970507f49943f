export { freshDatabase, type FreshDatabase } from './database';
export { startBuiltServer, freePort, REPO_ROOT, type BuiltServer } from './server';
export { ensureBuilds } from './builds';
