import { Transform } from 'node:stream';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { TStorageUsage } from '../schemas/instance';

/** How long a reservation outlives its last renewal: what a crashed process holds, at most. */
export const RESERVATION_TTL_MS = 15 * 60_000;
/** A streaming upload renews its reservation this often, so a long upload never loses its hold. */
const RENEW_EVERY_MS = 60_000;
/** Held ahead of the bytes while streaming, so a reservation costs a round trip per step, not per chunk. */
const STREAM_STEP_BYTES = 4 * 1024 * 1024;
/**
 * What a declared request length may hold beyond the file: multipart boundaries, part headers and the
 * small fields the parser allows. A declared length past the room left by more than this is refused
 * before any byte is read; closer than this, the bytes themselves decide.
 */
export const DECLARED_SLACK_BYTES = 128 * 1024;

/** The quota in force: the account's own, else DEFAULT_QUOTA_BYTES; null is unlimited. */
export const quotaFor = async ({ db, config }: Pick<CoreDeps, 'db' | 'config'>, userId: number) =>
  (await db.storageUsage.findQuota(userId)) ?? config.defaultQuotaBytes;

export const getStorageUsage = async (deps: Pick<CoreDeps, 'db' | 'config' | 'now'>, userId: number): Promise<TStorageUsage> => {
  const [usage, quota] = await Promise.all([deps.db.storageUsage.usage(userId, deps.now()), quotaFor(deps, userId)]);
  return { usage, quota };
};

/**
 * Bytes one upload holds against its owner's quota before they are stored: taken in the database under
 * the account's row lock (so uploads on every process take turns), grown as the bytes arrive, and given
 * back when the item's row lands (`settle` inside that transaction) or the upload fails (`release`).
 */
export const openReservation = (deps: Pick<CoreDeps, 'db' | 'now'>, { userId, quota }: { userId: number; quota: number }) => {
  let id: string | null = null;
  let held = 0;
  let renewedAt = 0;
  const take = async (bytes: number) => {
    const now = deps.now();
    const taken = await deps.db.storageUsage.reserve({
      userId,
      id,
      bytes,
      quota,
      now,
      expiresAt: new Date(now.getTime() + RESERVATION_TTL_MS),
    });
    if (taken.ok) {
      id = taken.id;
      held += bytes;
      renewedAt = now.getTime();
    }
    // The usage that stood in the way, without this upload's own hold.
    return taken.ok ? null : taken.usage - held;
  };
  const refuse = (usage: number) => ERRORS.quotaExceeded({ usage, quota });

  return {
    /**
     * For a declared request length: holds it all at once when it fits; refuses when even the file
     * inside it cannot fit; otherwise leaves the decision to the bytes (`meter`).
     */
    async holdDeclared(declared: number) {
      const usage = await take(declared);
      if (usage !== null && declared - DECLARED_SLACK_BYTES > quota - usage) throw refuse(usage);
    },
    /** Counts the bytes as they pass and holds ahead of them; fails the stream at the quota. */
    meter() {
      let seen = 0;
      return new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          seen += chunk.length;
          const step = async () => {
            if (seen > held) {
              // A step ahead where there is room, else exactly what arrived.
              let usage = await take(seen - held + STREAM_STEP_BYTES);
              if (usage !== null) usage = await take(seen - held);
              if (usage !== null) throw refuse(usage);
            } else if (id && deps.now().getTime() - renewedAt > RENEW_EVERY_MS) {
              await deps.db.storageUsage.reserve({
                userId,
                id,
                bytes: 0,
                quota: null,
                now: deps.now(),
                expiresAt: new Date(deps.now().getTime() + RESERVATION_TTL_MS),
              });
              renewedAt = deps.now().getTime();
            }
          };
          step().then(
            () => callback(null, chunk),
            (error: unknown) => callback(error as Error),
          );
        },
      });
    },
    /** The item's row has landed in `tx`: its size counts from now on instead. */
    settle: async (tx: Pick<CoreDeps['db'], 'storageUsage'>) => {
      if (id) await tx.storageUsage.release(id);
    },
    release: async () => {
      if (id) await deps.db.storageUsage.release(id).catch(() => {});
    },
  };
};

export type Reservation = ReturnType<typeof openReservation>;
