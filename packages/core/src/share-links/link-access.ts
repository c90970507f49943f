import { createHash, timingSafeEqual } from 'node:crypto';
import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { MediaRecord, ShareLinkRecord, ShareLinkSettings } from '../ports/records';
import type { TLinkSettings } from '../schemas/share-links';
import { findShared } from './find-shared';
import { hourOf, isUnfurler, previousHour, visitorKey, type LinkVisit } from './visitor';

/** A link nobody has changed: open to anyone holding it, forever, downloadable, without metadata. */
export const LINK_DEFAULTS: ShareLinkSettings = {
  expiresAt: null,
  maxViews: null,
  passwordHash: null,
  allowDownload: true,
  showMetadata: false,
};

export type LinkState = ShareLinkSettings & { views: number };

export const linkStateOf = (row: ShareLinkRecord | null): LinkState => (row ? row : { ...LINK_DEFAULTS, views: 0 });

export const toLinkSettings = (link: ShareLinkSettings): TLinkSettings => ({
  expiresAt: link.expiresAt?.toISOString() ?? null,
  maxViews: link.maxViews,
  hasPassword: link.passwordHash !== null,
  allowDownload: link.allowDownload,
  showMetadata: link.showMetadata,
});

export const isExpired = (link: Pick<ShareLinkSettings, 'expiresAt'>, now: Date) =>
  link.expiresAt !== null && now.getTime() >= link.expiresAt.getTime();
export const isUsedUp = (link: LinkState) => link.maxViews !== null && link.views >= link.maxViews;

/**
 * The unlock cookie's value: derived from the link's code and its password hash (which has a fresh salt
 * each time a password is set), so it opens only this link and dies when the password changes.
 */
export const unlockTokenFor = (shareCode: string, passwordHash: string) =>
  createHash('sha256').update(`link-unlock\0${shareCode}\0${passwordHash}`).digest('base64url');

export const unlockCookieName = (shareCode: string) => `msl_${shareCode}`;

const isUnlocked = (shareCode: string, passwordHash: string, token: string | undefined) => {
  if (!token) return false;
  const expected = Buffer.from(unlockTokenFor(shareCode, passwordHash));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/**
 * How a request opens a link: `page` is GET /api/shared/media/:code, where views are counted; `bytes`
 * serves the file and renditions to whoever has been counted (or to anyone until the limit is reached);
 * `peek` is the server-rendered page, which counts nothing and shows nothing of a closed link.
 */
export type OpenMode = 'page' | 'bytes' | 'peek';

/**
 * The public side's rules, in order: a live share (404), not expired (410), unlocked (401), and within
 * its view limit (410). A view is counted when someone other than the owner, and not a link-preview bot,
 * opens the page: once per visitor per link per hour. The view that reaches the limit still succeeds.
 */
export const openLink = async (
  deps: Pick<CoreDeps, 'db' | 'now'>,
  shareCode: string,
  visit: LinkVisit | null,
  mode: OpenMode,
): Promise<{ media: MediaRecord; link: LinkState }> => {
  const media = await findShared(deps, shareCode);
  const link = linkStateOf(await deps.db.shareLinks.find(shareCode));
  const now = deps.now();
  if (isExpired(link, now)) throw ERRORS.linkExpired();
  if (link.passwordHash !== null && !isUnlocked(shareCode, link.passwordHash, visit?.unlockToken)) {
    throw ERRORS.linkPasswordRequired();
  }
  const isOwner = visit?.userId === media.userId;
  const counts = mode === 'page' && visit !== null && !isOwner && !isUnfurler(visit.userAgent);
  if (!counts) {
    if (isUsedUp(link) && !isOwner) {
      // The visitors who were counted before the limit keep seeing what they opened for the hour.
      const known =
        mode === 'bytes' && visit !== null && !isUnfurler(visit.userAgent)
          ? await deps.db.shareLinks.hasVisit(shareCode, await visitorKey(deps, visit), [hourOf(now), previousHour(hourOf(now))])
          : false;
      if (!known) throw ERRORS.linkViewLimitReached();
    }
    return { media, link };
  }
  const visitor = await visitorKey(deps, visit);
  const views = await deps.db.transaction(async (tx) => {
    // Seen this hour: not a new view, and still welcome after the limit.
    if (!(await tx.shareLinks.addVisit(shareCode, visitor, hourOf(now)))) return link.views;
    const counted = await tx.shareLinks.addView(shareCode, media.id);
    // Thrown inside the transaction, so the visit is not kept either.
    if (counted === null) throw ERRORS.linkViewLimitReached();
    return counted;
  });
  return { media, link: { ...link, views } };
};
