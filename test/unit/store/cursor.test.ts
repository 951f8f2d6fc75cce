import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { decodeCursor, encodeCursor } from '../../../src/store/cursor';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  return undefined;
}

describe('keyset cursors', () => {
  it('round-trips (occurredAt, id) exactly, to the millisecond', () => {
    const position = { occurredAt: new Date('2026-11-26T19:45:00.123Z'), id: 'act_01JDXYZABCDEFGHJKMNPQRSTVW' };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // URL-safe, no padding
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('round-trips ids with unusual characters and epoch-0 times', () => {
    const position = { occurredAt: new Date(0), id: 'weird "id" / ü + =' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['empty', ''],
    ['not base64 JSON', 'not-a-cursor'],
    ['JSON object', Buffer.from('{"a":1}').toString('base64url')],
    ['wrong arity', Buffer.from('[1]').toString('base64url')],
    ['three items', Buffer.from('[1,"a","b"]').toString('base64url')],
    ['time not a number', Buffer.from('["x","a"]').toString('base64url')],
    ['id not a string', Buffer.from('[1,2]').toString('base64url')],
    ['null time', Buffer.from('[null,"a"]').toString('base64url')],
    ['time outside the Date range', Buffer.from('[1e20,"act_x"]').toString('base64url')],
    ['binary garbage', Buffer.from([0xff, 0xfe, 0x00, 0x01]).toString('base64url')],
  ])('rejects %s with invalid_cursor', (_label, cursor) => {
    expect(codeOf(() => decodeCursor(cursor))).toBe('invalid_cursor');
  });

  it('names the cursor in the issues', () => {
    try {
      decodeCursor('garbage');
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).issues).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    }
  });
});
