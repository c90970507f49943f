import { ERRORS } from '../errors';
import type { KeysetCursor } from '../ports/records';

export const encodeCursor = ({ createdAt, id }: KeysetCursor): string =>
  Buffer.from(`${createdAt.getTime()}:${id}`).toString('base64url');

export const decodeCursor = (cursor: string): KeysetCursor => {
  const match = /^(\d{1,15}):(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw ERRORS.invalidCursor();
  return { createdAt: new Date(Number(match[1])), id: Number(match[2]) };
};

/** One extra row tells whether another page exists without a count query. */
export const pageOf = <T extends { createdAt: Date; id: number }>(rows: T[], limit: number) => {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
};
