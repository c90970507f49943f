import type { CoreDeps } from '../deps';
import { ERRORS } from '../errors';
import type { ExposureCursor, ExposureRow } from '../ports/records';
import { shareUrlFor } from '../schemas/pages';
import type { TExposureItem, TExposurePage } from '../schemas/share-links';
import { isExpired, isUsedUp } from './link-access';

const encode = ({ exposedAt, entryId }: ExposureCursor) => Buffer.from(`${exposedAt.getTime()}:${entryId}`).toString('base64url');

const decode = (cursor: string): ExposureCursor => {
  const match = /^(\d{1,15}):(-?\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw ERRORS.invalidCursor();
  return { exposedAt: new Date(Number(match[1])), entryId: Number(match[2]) };
};

const toItem = (row: ExposureRow, now: Date): TExposureItem => {
  const { link } = row;
  return {
    mediaId: row.mediaId,
    fileName: row.fileName,
    mimeType: row.mimeType,
    thumbnailUrl: row.mediaId !== null && row.thumbnailPath ? `/api/user/media/${row.mediaId}/thumbnail` : null,
    exposedAt: row.exposedAt.toISOString(),
    link: link && {
      shareCode: link.shareCode,
      shareUrl: shareUrlFor(link.shareCode),
      createdAt: link.createdAt.toISOString(),
      views: link.views,
      expiresAt: link.expiresAt?.toISOString() ?? null,
      maxViews: link.maxViews,
      hasPassword: link.passwordHash !== null,
      status: isExpired(link, now) ? 'expired' : isUsedUp(link) ? 'limitReached' : 'active',
    },
    community: row.community && { communityMediaId: row.community.id, createdAt: row.community.createdAt.toISOString() },
  };
};

/**
 * `GET /api/user/exposure`: everything the caller has made public, newest first: each item's share link
 * (with its views, expiry and whether it has a password) and community copy, and the community copies
 * whose original was deleted. Keyset pages, like the vault's.
 */
export const findExposure = async (
  deps: Pick<CoreDeps, 'db' | 'now'>,
  { userId, cursor, limit }: { userId: number; cursor?: string | undefined; limit: number },
): Promise<TExposurePage> => {
  const rows = await deps.db.shareLinks.findExposure(userId, { cursor: cursor ? decode(cursor) : undefined, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const now = deps.now();
  return { items: page.map((row) => toItem(row, now)), nextCursor: rows.length > limit && last ? encode(last) : null };
};
