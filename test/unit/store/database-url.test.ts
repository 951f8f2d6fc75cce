import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SQLITE_PATH, sqliteFilePath, storeKindOf, describeStore } from '../../../src/store/database-url';

describe('storeKindOf', () => {
  it.each([
    [undefined, 'sqlite'],
    ['', 'sqlite'],
    ['   ', 'sqlite'],
    ['file:./data/x.db', 'sqlite'],
    ['file:/tmp/x.db', 'sqlite'],
    ['file:///tmp/x.db', 'sqlite'],
    ['postgres://root@127.0.0.1:5432/db', 'postgresql'],
    ['postgresql://root@127.0.0.1:5432/db?sslmode=disable', 'postgresql'],
  ])('%j → %s', (url, kind) => {
    expect(storeKindOf(url)).toBe(kind);
  });

  it.each(['mysql://root@localhost/db', 'sqlite:./x.db', 'http://example.com', './data/activity.db', 'postgres:/missing-slashes'])(
    '%j → an Error naming what is accepted',
    (url) => {
      const result = storeKindOf(url);
      expect(result).toBeInstanceOf(Error);
      expect((result as Error).message).toMatch(/file:.*postgres/);
    },
  );
});

describe('sqliteFilePath', () => {
  it('defaults to ./data/activity.db, resolved', () => {
    expect(sqliteFilePath(undefined)).toBe(resolve(DEFAULT_SQLITE_PATH));
    expect(sqliteFilePath('')).toBe(resolve(DEFAULT_SQLITE_PATH));
  });

  it('strips file: and file://, and query parameters', () => {
    expect(sqliteFilePath('file:/tmp/a.db')).toBe('/tmp/a.db');
    expect(sqliteFilePath('file:///tmp/a.db')).toBe('/tmp/a.db');
    expect(sqliteFilePath('file:/tmp/a.db?connection_limit=1')).toBe('/tmp/a.db');
  });

  it('resolves relative paths against the working directory', () => {
    expect(sqliteFilePath('file:./data/b.db')).toBe(resolve('data/b.db'));
    expect(sqliteFilePath('file:c.db')).toBe(resolve('c.db'));
  });

  it('keeps :memory: as is', () => {
    expect(sqliteFilePath('file::memory:')).toBe(':memory:');
  });
});

describe('describeStore', () => {
  it('names the SQLite file by its absolute path', () => {
    expect(describeStore(undefined)).toBe(`SQLite at ${resolve('./data/activity.db')}`);
    expect(describeStore('file:/srv/a.db')).toBe('SQLite at /srv/a.db');
  });

  it('names the PostgreSQL server and database, never the password', () => {
    expect(describeStore('postgresql://collector:s3cret@db.internal:5432/activity?sslmode=require')).toBe('PostgreSQL at postgresql://collector@db.internal:5432/activity');
    expect(describeStore('postgres://127.0.0.1/test')).toBe('PostgreSQL at postgres://127.0.0.1/test');
  });
});
