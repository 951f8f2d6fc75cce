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
