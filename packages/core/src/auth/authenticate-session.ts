import type { CoreDeps } from '../deps';
import type { UserRecord } from '../ports/records';

/** Don't write on every request: the idle deadline only needs to move once a minute. */
const TOUCH_EVERY_MS = 60_000;

/** The user behind a session id, or null when it is unknown or past its idle or absolute expiry. */
export const authenticateSession = async (
  { db, config, now }: Pick<CoreDeps, 'db' | 'config' | 'now'>,
  sessionId: string,
): Promise<UserRecord | null> => {
  const at = now();
  const found = await db.sessions.findActive(sessionId, at);
  if (!found) return null;
  const { session, user } = found;
  if (at.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    const idle = new Date(at.getTime() + config.session.idleTtlMs);
    await db.sessions.touch(session.id, at, idle < session.absoluteExpiresAt ? idle : session.absoluteExpiresAt);
  }
  return user;
};
