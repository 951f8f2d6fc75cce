import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { decodeCursor, decodeIdCursor, encodeCursor, encodeIdCursor } from '../../../src/store/cursor';

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
    // Valid Dates, but outside what the store holds: a query with one failed (500).
    ['an instant in the year 10000', Buffer.from(`[${Date.parse('+010000-01-01T00:00:00Z')},"act_x"]`).toString('base64url')],
    ['an instant in the year 0', Buffer.from(`[${Date.parse('0000-06-01T00:00:00Z')},"act_x"]`).toString('base64url')],
    ['an instant far before the year 1', Buffer.from('[-8000000000000000,"act_x"]').toString('base64url')],
    ['an id with a NUL', Buffer.from('[0,"act_\\u0000"]').toString('base64url')],
    ['an id with a lone surrogate', Buffer.from('[0,"act_\\ud800"]').toString('base64url')],
    ['an empty id', Buffer.from('[0,""]').toString('base64url')],
    ['a very long id', Buffer.from(`[0,"${'a'.repeat(500)}"]`).toString('base64url')],
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

  it('accepts instants at both ends of the years 1 to 9999', () => {
    for (const iso of ['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      const position = { occurredAt: new Date(iso), id: 'act_x' };
      expect(decodeCursor(encodeCursor(position))).toEqual(position);
    }
  });
});

describe('id cursors (member lists)', () => {
  it('round-trip an id', () => {
    for (const id of ['m_T0TEST_U0ANA', 'mem_01HWT0D7G000DFQB52D21FM11G', 'weird "id" / ü + =']) {
      const cursor = encodeIdCursor(id);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeIdCursor(cursor)).toBe(id);
    }
  });

  it.each([
    ['garbage', 'garbage'],
    ['empty', ''],
    ['a raw member id', 'm_T0TEST_U0ANA'],
    ['an activity cursor', encodeCursor({ occurredAt: new Date(0), id: 'act_x' })],
    ['an object with more', Buffer.from('{"after":"a","b":1}').toString('base64url')],
    ['a NUL id', Buffer.from('{"after":"\\u0000"}').toString('base64url')],
    ['a number id', Buffer.from('{"after":1}').toString('base64url')],
  ])('reject %s with invalid_cursor naming cursor', (_label, cursor) => {
    try {
      decodeIdCursor(cursor);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('invalid_cursor');
      expect((error as AppError).issues).toEqual([{ path: 'cursor', message: 'not a valid cursor' }]);
    }
  });
});
