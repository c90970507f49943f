import { deviceLabel } from '../account/device-label';
import type { CoreDeps } from '../deps';
import { createSessionToken } from './session-token';

/** A brand-new session id for the user; callers retire any session the client had before. */
export const startSession = async (
  { db, config, now }: Pick<CoreDeps, 'db' | 'config' | 'now'>,
  userId: number,
  { userAgent }: { userAgent?: string | undefined } = {},
) => {
  const { token, id } = createSessionToken();
  const at = now();
  const absoluteExpiresAt = new Date(at.getTime() + config.session.absoluteTtlMs);
  const idleExpiresAt = new Date(at.getTime() + config.session.idleTtlMs);
  const expiresAt = idleExpiresAt < absoluteExpiresAt ? idleExpiresAt : absoluteExpiresAt;
  await db.sessions.create({
    id,
    userId,
    createdAt: at,
    lastSeenAt: at,
    expiresAt,
    absoluteExpiresAt,
    deviceLabel: deviceLabel(userAgent),
  });
  return { token, expiresAt: absoluteExpiresAt };
};
