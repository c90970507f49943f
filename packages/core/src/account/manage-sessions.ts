import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { SessionRecord } from '../ports/records';
import type { TSession } from '../schemas/account';
import { UNKNOWN_DEVICE } from './device-label';

const toSession = (session: SessionRecord, currentId: string | undefined): TSession => ({
  id: session.publicId,
  createdAt: session.createdAt.toISOString(),
  lastSeenAt: session.lastSeenAt.toISOString(),
  device: session.deviceLabel ?? UNKNOWN_DEVICE,
  current: session.id === currentId,
});

/** The user's live sessions, most recently seen first; `sessionId` is the caller's own. */
export const findSessions = async (
  { db, now }: Pick<CoreDeps, 'db' | 'now'>,
  { userId, sessionId }: { userId: number; sessionId: string | undefined },
): Promise<TSession[]> => (await db.sessions.findForUser(userId, now())).map((s) => toSession(s, sessionId));

/** Ends one of the user's sessions; someone else's is answered as one that does not exist. */
export const endSession = async (
  { db, now, logger }: Pick<CoreDeps, 'db' | 'now' | 'logger'>,
  { userId, id, sessionId }: { userId: number; id: string; sessionId: string | undefined },
): Promise<{ wasCurrent: boolean }> => {
  const current = sessionId ? await db.sessions.findActive(sessionId, now()) : null;
  if (!(await db.sessions.deleteByPublicId(userId, id))) throw ERRORS.sessionNotFound();
  logger.info({ userId }, 'session ended');
  return { wasCurrent: current?.session.publicId === id };
};

/** Signs the user out everywhere but here. */
export const endOtherSessions = async (
  { db, logger }: Pick<CoreDeps, 'db' | 'logger'>,
  { userId, sessionId }: { userId: number; sessionId: string | undefined },
): Promise<{ ended: number }> => {
  const ended = await db.sessions.deleteForUser(userId, sessionId);
  logger.info({ userId, ended }, 'other sessions ended');
  return { ended };
};
