import type { CoreDeps } from '../deps';

/** Liveness: the process answers, and so does its database. */
export const checkHealth = async ({ db }: Pick<CoreDeps, 'db'>): Promise<'ok' | 'unavailable'> => {
  try {
    await db.ping();
    return 'ok';
  } catch {
    return 'unavailable';
  }
};
