// Which store DATABASE_URL names. Unset means the embedded SQLite file ./data/activity.db.
import { resolve } from 'node:path';

export type StoreKind = 'sqlite' | 'postgresql';

export const DEFAULT_SQLITE_PATH = './data/activity.db';

/** The provider a DATABASE_URL selects, or an Error saying why it is not usable. */
export function storeKindOf(url: string | undefined): StoreKind | Error {
  if (url === undefined || url.trim() === '') return 'sqlite';
  if (/^file:/.test(url)) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  return new Error('expected unset (SQLite at ./data/activity.db), file:<path> (SQLite) or postgres(ql)://… (PostgreSQL)');
}

/** The filesystem path of the SQLite database a DATABASE_URL names (":memory:" kept as is). */
export function sqliteFilePath(url: string | undefined): string {
  if (url === undefined || url.trim() === '') return resolve(DEFAULT_SQLITE_PATH);
  const path = url.replace(/^file:(\/\/)?/, '').replace(/\?.*$/, '');
  return path === ':memory:' ? path : resolve(path);
}

/**
 * The store in words for logs and messages, never with a password: "SQLite at /srv/data/activity.db",
 * "PostgreSQL at postgresql://collector@db:5432/activity".
 */
export function describeStore(url: string | undefined): string {
  const kind = storeKindOf(url);
  if (kind instanceof Error) return 'an unusable DATABASE_URL';
  if (kind === 'sqlite') return `SQLite at ${sqliteFilePath(url)}`;
  try {
    const parsed = new URL(url!);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `PostgreSQL at ${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL could not be parsed to show it)';
  }
}
