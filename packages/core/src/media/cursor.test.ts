import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { decodeCursor, encodeCursor, pageOf } from './cursor';

describe('keyset cursors', () => {
  it('round-trips a position', () => {
    const at = { createdAt: new Date('2026-11-27T10:11:12.345Z'), id: 42 };
    expect(decodeCursor(encodeCursor(at))).toEqual(at);
  });

  it.each(['', 'abc', Buffer.from('1:2:3').toString('base64url'), Buffer.from('x:1').toString('base64url')])(
    'refuses %j as a 400',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(AppError);
    },
  );

  it('hands out a cursor only when another page exists', () => {
    const rows = [1, 2, 3].map((id) => ({ id, createdAt: new Date(id * 1000) }));
    expect(pageOf(rows, 3).nextCursor).toBeNull();
    const page = pageOf(rows, 2);
    expect(page.items).toHaveLength(2);
    expect(decodeCursor(page.nextCursor ?? '')).toEqual({ id: 2, createdAt: new Date(2000) });
  });
});
