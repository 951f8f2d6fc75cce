// Keyset pagination cursors: the (occurredAt, id) of the last row of a page, opaque to clients.
import { AppError, ErrorCode } from '../errors';

export interface CursorPosition {
  occurredAt: Date;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.occurredAt.getTime(), position.id])).toString('base64url');
}

/** Decodes a cursor; a malformed one is a client error, never a crash. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isFinite(value[0]) && typeof value[1] === 'string') {
      const occurredAt = new Date(value[0] as number);
      // A number outside the Date range gives an Invalid Date, which the query would choke on.
      if (!Number.isNaN(occurredAt.getTime())) return { occurredAt, id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError(ErrorCode.InvalidCursor, 'cursor is not one this server issued', {
    issues: [{ path: 'cursor', message: 'not a valid cursor' }],
  });
}
