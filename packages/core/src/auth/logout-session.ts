import type { CoreDeps } from '../deps';

export const logoutSession = async ({ db }: Pick<CoreDeps, 'db'>, sessionId: string): Promise<void> => {
  await db.sessions.delete(sessionId);
};
