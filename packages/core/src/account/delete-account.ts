import { verifyPassword } from '../auth/password';
import { reserveSignIn } from '../auth/sign-in-budget';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import { quarantineKeyFor } from '../maintenance/object-home';
import { BUCKETS } from '../ports/storage';
import { deleteItemNow, queueItemDeletion } from '../renditions/item-keys';
import type { TDeleteAccountInput } from '../schemas/account';

type Deps = Pick<CoreDeps, 'db' | 'config' | 'now' | 'logger' | 'hashing' | 'storage'>;
const PAGE = 100;

/**
 * Removes the account's community copies, then its vault, then the account row. Each item's row goes in
 * the transaction that queues the deletion of its objects (public ones first, so they stop being public
 * soonest), and storage is asked at once after; what storage does not confirm, the delete worker retries.
 * Idempotent: run again (by the sweep) it carries on where a process that died left off.
 */
export const finishAccountDeletion = async (deps: Omit<Deps, 'hashing'>, userId: number) => {
  const { db, now } = deps;
  let copies = 0;
  let items = 0;
  for (let page; (page = await db.community.findForOwner(userId, 0, PAGE)).length > 0;) {
    for (const copy of page) {
      // A hidden copy's objects wait in quarantine.
      const isHidden = copy.moderationStatus === 'hidden';
      await db.transaction(async (tx) => {
        await tx.community.delete(copy.id);
        await queueItemDeletion(tx, BUCKETS.general, copy.filePath, now());
        if (isHidden) await queueItemDeletion(tx, BUCKETS.userMedia, quarantineKeyFor(copy.filePath), now());
      });
      await deleteItemNow(deps, BUCKETS.general, copy.filePath);
      if (isHidden) await deleteItemNow(deps, BUCKETS.userMedia, quarantineKeyFor(copy.filePath));
      copies += 1;
    }
  }
  for (let page; (page = await db.media.listOwned(userId, { limit: PAGE })).length > 0;) {
    for (const media of page) {
      await db.transaction(async (tx) => {
        if (await tx.media.deleteOwned(userId, media.id)) await queueItemDeletion(tx, BUCKETS.userMedia, media.filePath, now());
      });
      await deleteItemNow(deps, BUCKETS.userMedia, media.filePath);
      items += 1;
    }
  }
  await db.users.delete(userId);
  deps.logger.info({ userId, copies, items }, 'account deleted');
  return { copies, items };
};

/** The sweep's part: deletions that began and did not finish (a process died, the database went away). */
export const resumeAccountDeletions = async (deps: Omit<Deps, 'hashing'>) => {
  let finished = 0;
  for (const userId of await deps.db.users.findDeleting(PAGE)) {
    await finishAccountDeletion(deps, userId);
    finished += 1;
  }
  return finished;
};

/**
 * Deletes the caller's account (GDPR Art. 17) once its password is given again; a wrong one counts as a
 * failed sign-in, as for changing the password. In one transaction the account stops being usable: its
 * names are freed, every session and token ends, reset links go, and its activity is kept without it.
 * Then its copies and items are removed; if that fails midway the answer is the same, as the sweep
 * finishes it.
 */
export const deleteAccount = async (
  deps: Deps,
  { userId, password, ip }: TDeleteAccountInput & { userId: number; ip: string },
) => {
  const { db, logger, now } = deps;
  const user = await db.users.findById(userId);
  if (!user) throw ERRORS.authRequired();
  const attempt = await reserveSignIn(deps, { accountKey: `user:${user.id}`, ip });
  let ok: boolean;
  try {
    ok = await deps.hashing.run(ip, () => verifyPassword(password, user.passwordHash));
  } catch (error) {
    await attempt.release();
    throw error;
  }
  if (!ok) {
    logger.info({ userId }, 'password check failed');
    throw ERRORS.passwordIncorrect();
  }
  await attempt.release();
  await db.transaction(async (tx) => {
    await tx.users.beginDeletion(userId, now());
    await tx.sessions.deleteForUser(userId);
    await tx.apiTokens.deleteForUser(userId);
    await tx.passwordResets.deleteForUser(userId);
    await tx.activity.anonymise(userId);
  });
  try {
    await finishAccountDeletion(deps, userId);
  } catch (error) {
    logger.warn({ err: error, userId }, 'account deletion stopped midway; the sweep finishes it');
  }
};
