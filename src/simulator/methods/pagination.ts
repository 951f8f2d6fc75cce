// Cursor pagination as Slack does it: an opaque base64 cursor naming the next item
// ("dXNlcjpVMDYxTkZUVDI=" is base64 of "user:U061NFTT2"), and next_cursor "" on the last page.

export interface Page<T> {
  items: T[];
  nextCursor: string;
}

export type PageResult<T> = { ok: true; page: Page<T> } | { ok: false; error: 'invalid_cursor' };

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** One page of `items` starting at `cursor`; `kind` prefixes the cursor ("channel", "user"). */
export function paginate<T>(items: T[], keyOf: (item: T) => string, kind: string, cursor: string | undefined, limit: number | undefined): PageResult<T> {
  const size = limit === undefined || limit < 1 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
  let start = 0;
  if (cursor !== undefined) {
    const decoded = Buffer.from(cursor, 'base64').toString('utf8');
    const prefix = `${kind}:`;
    const index = decoded.startsWith(prefix) ? items.findIndex((item) => keyOf(item) === decoded.slice(prefix.length)) : -1;
    if (index < 0) return { ok: false, error: 'invalid_cursor' };
    start = index;
  }
  const pageItems = items.slice(start, start + size);
  const next = items[start + size];
  const nextCursor = next === undefined ? '' : Buffer.from(`${kind}:${keyOf(next)}`).toString('base64');
  return { ok: true, page: { items: pageItems, nextCursor } };
}
