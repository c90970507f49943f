import { hashPassword } from '../auth/password';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { ShareLinkSettings } from '../ports/records';
import { LINK_LIMITS, type TLinkSettings, type TLinkSettingsInput } from '../schemas/share-links';
import { runLocked } from '../share/run-locked';
import { toLinkSettings } from './link-access';

const YEAR_MS = 365.25 * 24 * 3_600_000;

/** The expiry, judged against the server's clock (a schema cannot know it): future, and within 10 years. */
const checkExpiry = (expiresAt: string, now: Date): Date => {
  const date = new Date(expiresAt);
  if (Number.isNaN(date.getTime())) {
    throw ERRORS.invalidInput({
      detail: 'Invalid field "expiresAt": must be an ISO 8601 date and time, such as 2030-01-31T12:00:00Z',
    });
  }
  if (date.getTime() <= now.getTime()) throw ERRORS.invalidInput({ detail: 'Invalid field "expiresAt": must be in the future' });
  if (date.getTime() > now.getTime() + LINK_LIMITS.maxExpiryYears * YEAR_MS) {
    throw ERRORS.invalidInput({ detail: `Invalid field "expiresAt": must be at most ${LINK_LIMITS.maxExpiryYears} years away` });
  }
  return date;
};

/**
 * `PATCH /api/media/:id/share/link`: changes any of a link's settings; `null` clears an expiry, a limit or
 * a password. A new password ends every unlock given under the old one. Runs under the item's lock, so
 * it never lands on a link that a revoke or an unshare has just retired.
 */
export const updateLinkSettings = async (
  deps: Pick<CoreDeps, 'db' | 'config' | 'now'>,
  { userId, mediaId, input }: { userId: number; mediaId: number; input: TLinkSettingsInput },
): Promise<TLinkSettings> => {
  const changes: Partial<ShareLinkSettings> = {};
  if (input.expiresAt !== undefined)
    changes.expiresAt = input.expiresAt === null ? null : checkExpiry(input.expiresAt, deps.now());
  if (input.maxViews !== undefined) changes.maxViews = input.maxViews;
  if (input.allowDownload !== undefined) changes.allowDownload = input.allowDownload;
  if (input.showMetadata !== undefined) changes.showMetadata = input.showMetadata;
  // Hashed before the lock is taken: the item's lock is never held across slow work.
  if (input.password !== undefined) {
    changes.passwordHash = input.password === null ? null : await hashPassword(input.password, deps.config.scryptCost);
  }
  const { link } = await runLocked(deps, mediaId, async (tx) => {
    const media = await tx.media.findOwned(userId, mediaId);
    if (!media) throw ERRORS.mediaNotFound();
    if (!media.isShared || !media.shareCode) throw ERRORS.mediaNotShared();
    return { kind: 'done', link: await tx.shareLinks.update(media.shareCode, mediaId, changes) } as const;
  });
  return toLinkSettings(link);
};
