// Keyset pagination cursors, opaque to clients: for activities the (occurredAt, id) of the last
// row of a page, for members the last member's id. A cursor this server did not issue (garbage,
// a crafted instant outside the years 1 to 9999, an id holding a NUL) is a 400 naming
// `cursor`, never a query that fails (a 500) or that matches something by chance.
import { AppError, ErrorCode } from '../errors';
import { isStorableInstant, isStorableText } from '../storable';

export interface CursorPosition {
  occurredAt: Date;
  id: string;
}

/** Longest id a cursor may carry (ours are 30 characters at most). */
const MAX_ID = 200;

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID && isStorableText(value);

function invalidCursor(): AppError {
  return new AppError(ErrorCode.InvalidCursor, 'cursor is not one this server issued', {
    issues: [{ path: 'cursor', message: 'not a valid cursor' }],
  });
}

/** The JSON a cursor holds, or undefined when it is not base64url JSON. */
function parse(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.occurredAt.getTime(), position.id])).toString('base64url');
}

/** Decodes an activity cursor; a malformed one is a client error, never a crash. */
export function decodeCursor(cursor: string): CursorPosition {
  const value = parse(cursor);
  // An instant outside years 1-9999 is a valid Date, but no database query takes it.
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && isStorableInstant(value[0]) && isId(value[1])) {
    return { occurredAt: new Date(value[0]), id: value[1] };
  }
  throw invalidCursor();
}

/** A cursor after one row of a list ordered by id alone (members). */
export function encodeIdCursor(id: string): string {
  return Buffer.from(JSON.stringify({ after: id })).toString('base64url');
}

/** Decodes encodeIdCursor's cursor; a malformed one is a 400 naming `cursor`. */
export function decodeIdCursor(cursor: string): string {
  const value = parse(cursor) as { after?: unknown } | undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && isId(value.after)) return value.after;
  throw invalidCursor();
}
