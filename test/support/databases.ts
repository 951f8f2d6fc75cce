// Fresh, real databases for integration tests: a temporary SQLite file, and a new database on
// the PostgreSQL server (TEST_POSTGRES_URL, default postgresql://root@127.0.0.1:5432/postgres),
// dropped afterwards. Every integration suite runs against both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { activityRegistry } from '../../src/activities';
import type { ActivityRegistry } from '../../src/activities/registry';
import { openStore, type Store } from '../../src/store/store';
import { sqliteFilePath, type StoreKind } from '../../src/store/database-url';

export const DATABASE_KINDS: StoreKind[] = ['sqlite', 'postgresql'];

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://root@127.0.0.1:5432/postgres';

export interface TestDatabase {
  kind: StoreKind;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database of the given kind and returns its DATABASE_URL. */
export async function createTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'activity-test-'));
    return {
      kind,
      url: `file:${join(dir, 'test.db')}`,
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `activity_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A migrated store on a fresh database; close() also drops the database. */
export async function createTestStore(
  kind: StoreKind,
  registry: ActivityRegistry = activityRegistry,
): Promise<Store & { url: string }> {
  const database = await createTestDatabase(kind);
  const store = await openStore({ databaseUrl: database.url, registry });
  return {
    ...store,
    url: database.url,
    async close() {
      await store.close();
      await database.drop();
    },
  };
}

/** Runs a SQL script (several statements) on a test database, outside the store. */
export async function execSql(kind: StoreKind, url: string, sql: string): Promise<void> {
  if (kind === 'sqlite') {
    const db = new Database(sqliteFilePath(url));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
