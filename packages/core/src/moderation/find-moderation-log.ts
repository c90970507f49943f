import type { CoreDeps } from '../deps';
import type { TModerationLog } from '../schemas/moderation';

/** `GET /api/admin/moderation-log`: newest first; the cursor is the last entry's id. */
export const findModerationLog = async (
  { db }: Pick<CoreDeps, 'db'>,
  { cursor, limit }: { cursor?: string | undefined; limit: number },
): Promise<TModerationLog> => {
  const rows = await db.moderation.findLog({ beforeId: cursor === undefined ? undefined : Number(cursor), limit: limit + 1 });
  const page = rows.slice(0, limit);
  const actors = new Map<number, string>();
  for (const id of new Set(page.map((r) => r.actorUserId).filter((id): id is number => id !== null))) {
    const user = await db.users.findById(id);
    if (user) actors.set(id, user.username);
  }
  return {
    entries: page.map((r) => ({
      id: r.id,
      actor: r.actorUserId === null ? null : { id: r.actorUserId, username: actors.get(r.actorUserId) ?? '' },
      action: r.action,
      targetKind: r.targetKind,
      targetId: r.targetId,
      reason: r.reason,
      details: r.details,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
};
