// What the databases can hold, for the boundaries where outside data comes in (Slack payloads,
// the API) to check or repair before anything reaches a query:
// - text: PostgreSQL refuses a NUL character in text and JSON, and Prisma's query compiler
//   refuses an unpaired UTF-16 surrogate in any parameter (on SQLite too). A string with
//   neither is storable. Slack payloads are repaired (each such character becomes U+FFFD:
//   Slack is the source of truth and an event must never be refused forever); the API refuses
//   them, naming the field (its sender can fix them).
// - instants: years 1 to 9999, what every layer (JavaScript's ISO strings, Prisma, both
//   databases) reads and writes alike.
//
// The checks are cheap on the hot path: one regex test per string, which fails at once on
// ordinary text; only a string that has a NUL or a surrogate (valid pairs included: emoji) is
// looked at closely.

/** What replaces a NUL or an unpaired surrogate in text from Slack. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** Said of a field whose text the database cannot store. */
export const UNSTORABLE_TEXT_MESSAGE = 'contains a NUL character or an unpaired UTF-16 surrogate (\\u0000, \\ud800-\\udfff alone), which cannot be stored';

const SUSPECT = /[\u0000\ud800-\udfff]/;

/** Whether the code unit at `i` is a NUL or half of a surrogate pair without its other half. */
function isUnstorableAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0) return true;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const previous = i > 0 ? text.charCodeAt(i - 1) : 0;
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

/** True when `text` holds no NUL and no unpaired surrogate. */
export function isStorableText(text: string): boolean {
  if (!SUSPECT.test(text)) return true;
  for (let i = 0; i < text.length; i++) if (isUnstorableAt(text, i)) return false;
  return true;
}

/** `text` with every NUL and unpaired surrogate replaced by U+FFFD (the same string when there is none). */
export function storableText(text: string): string {
  if (isStorableText(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) out += isUnstorableAt(text, i) ? REPLACEMENT_CHARACTER : text[i];
  return out;
}

/** storableText for an optional value (null and undefined pass through). */
export function storableOrNull<T extends string | null | undefined>(text: T): T {
  return (typeof text === 'string' ? storableText(text) : text) as T;
}

/**
 * Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair (a cut through
 * one would leave half a character, which cannot be stored).
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max > 0 && isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

type Container = Record<string, unknown> | unknown[];

/**
 * Replaces, in place, every NUL and unpaired surrogate in the strings of a parsed JSON value
 * (object keys included) by U+FFFD; returns how many strings changed. Iterative, since a
 * payload can nest thousands of levels deep; no copy is made of what is already storable.
 */
export function makeStorableInPlace(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let changed = 0;
  const stack: Container[] = [value as Container];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item = node[i];
        if (typeof item === 'string') {
          if (!isStorableText(item)) {
            node[i] = storableText(item);
            changed++;
          }
        } else if (typeof item === 'object' && item !== null) stack.push(item as Container);
      }
      continue;
    }
    for (const key of Object.keys(node)) {
      const item = node[key];
      let at = key;
      if (!isStorableText(key)) {
        // Re-keyed: the repaired key goes last, an order no reader of a payload depends on.
        delete node[key];
        at = storableText(key);
        node[at] = item;
        changed++;
      }
      if (typeof item === 'string') {
        if (!isStorableText(item)) {
          node[at] = storableText(item);
          changed++;
        }
      } else if (typeof item === 'object' && item !== null) stack.push(item as Container);
    }
  }
  return changed;
}

/** Whether any string or object key in a parsed JSON value is not storable (stops at the first). */
export function holdsUnstorableText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (!isStorableText(node)) return true;
    } else if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        if (!isStorableText(key)) return true;
        stack.push(item);
      }
    }
  }
  return false;
}

/**
 * The paths ("metadata.title", "initiator.name", "tags.2") of the strings and object keys in a
 * JSON value that are not storable, at most `limit` of them. Iterative, like makeStorableInPlace.
 */
export function unstorableTextPaths(value: unknown, limit = 20): string[] {
  const found: string[] = [];
  // In document order: each entry is a value to visit, and whether the key it is under is bad.
  const stack: { node: unknown; path: string; badKey: boolean }[] = [{ node: value, path: '', badKey: false }];
  const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  while (stack.length > 0 && found.length < limit) {
    const { node, path, badKey } = stack.pop()!;
    if (badKey) found.push(path);
    if (typeof node === 'string') {
      if (!isStorableText(node) && !badKey) found.push(path);
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], path: join(path, i), badKey: false });
    } else if (typeof node === 'object' && node !== null) {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!;
        // A bad key is named by its repaired form, so the path can be printed and stored.
        stack.push({ node: item, path: join(path, storableText(key)), badKey: !isStorableText(key) });
      }
    }
  }
  return found.slice(0, limit);
}

/** The earliest instant stored: 0001-01-01T00:00:00.000Z. */
export const EARLIEST_INSTANT_MS = Date.parse('0001-01-01T00:00:00.000Z');
/** The latest instant stored: 9999-12-31T23:59:59.999Z. */
export const LATEST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** Whether an instant (a Date or epoch milliseconds) is within years 1 to 9999, UTC. */
export function isStorableInstant(instant: Date | number): boolean {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return Number.isFinite(ms) && ms >= EARLIEST_INSTANT_MS && ms <= LATEST_INSTANT_MS;
}

/** Said of an instant outside the years the store holds. */
export const UNSTORABLE_INSTANT_MESSAGE = 'must be between the years 1 and 9999';
