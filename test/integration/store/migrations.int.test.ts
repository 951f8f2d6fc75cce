// The migration runner against real databases: applies the committed history once, keeps
// Prisma's bookkeeping (sha256 checksums), refuses an edited migration, and is safe when
// several replicas start at once.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import type { StoreKind } from '../../../src/store/database-url';
import { sqliteFilePath } from '../../../src/store/database-url';
import { loadMigrations, migrate } from '../../../src/store/migrate';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase, execSql } from '../../support/databases';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');

interface BookkeepingRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  applied_steps_count: number;
}

/** Runs one SQL query on a raw connection (no Prisma), returning rows. */
async function query<T>(kind: StoreKind, url: string, sql: string): Promise<T[]> {
  if (kind === 'sqlite') {
    const db = new Database(sqliteFilePath(url), { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function userTables(kind: StoreKind, url: string): Promise<string[]> {
  const rows =
    kind === 'sqlite'
      ? await query<{ name: string }>(kind, url, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      : await query<{ name: string }>(kind, url, `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`);
  return rows.map((r) => r.name).sort();
}

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  const migrations = loadMigrations(kind);
  const names = migrations.map((m) => m.name);
  const databases: TestDatabase[] = [];

  async function freshDatabase(): Promise<TestDatabase> {
    const database = await createTestDatabase(kind);
    databases.push(database);
    return database;
  }

  let main: TestDatabase;
  beforeAll(async () => {
    main = await freshDatabase();
  });

  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });

  it('has a committed history starting with the init migration, checksummed like Prisma', () => {
    expect(names.length).toBeGreaterThanOrEqual(1);
    expect(names[0]).toMatch(/^\d{14}_init$/);
    for (const m of migrations) {
      const file = readFileSync(join(ROOT, 'prisma', kind, 'migrations', m.name, 'migration.sql'));
      expect(m.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(m.sql).toBe(file.toString('utf8'));
    }
  });

  it('applies the whole history to a fresh database, then nothing on a second run', async () => {
    const first = await migrate(kind, main.url);
    expect(first).toEqual({ applied: names, alreadyApplied: 0 });
    const tables = await userTables(kind, main.url);
    expect(tables).toEqual(
      expect.arrayContaining(['Activity', 'ApiKey', 'Channel', 'DeadLetter', 'IdempotencyRecord', 'Installation', 'Member', 'Workspace', '_prisma_migrations']),
    );

    const second = await migrate(kind, main.url);
    expect(second).toEqual({ applied: [], alreadyApplied: names.length });
  });

  it("keeps Prisma's _prisma_migrations bookkeeping: one finished row per migration, sha256 checksums", async () => {
    const rows = await query<BookkeepingRow>(
      kind,
      main.url,
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.checksum).toBe(migrations[i]!.checksum);
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
    }
  });

  it('refuses an already-applied migration whose file was changed (migration_failed) and changes nothing', async () => {
    const database = await freshDatabase();
    await migrate(kind, database.url);
    // The database applied the committed file; now pretend that file had been edited since:
    // a temp copy of the prisma folder with one more statement in the init migration.
    const dir = mkdtempSync(join(tmpdir(), 'prisma-copy-'));
    try {
      cpSync(join(ROOT, 'prisma'), dir, { recursive: true });
      const edited = join(dir, kind, 'migrations', names[0]!, 'migration.sql');
      writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n-- edited after it was applied\nCREATE TABLE "Sneaky" ("id" TEXT);\n`);
      const changed = loadMigrations(kind, dir);
      expect(changed[0]!.checksum).not.toBe(migrations[0]!.checksum);
      // migrate() always reads the committed folder, so build the same state from the other
      // side: the database records the edited file's checksum, the committed file differs.
      await execSql(
        kind,
        database.url,
        `UPDATE "_prisma_migrations" SET checksum = '${changed[0]!.checksum}' WHERE migration_name = '${names[0]}'`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const error = await migrate(kind, database.url).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('migration_failed');
    expect((error as AppError).message).toContain(names[0]!);
    expect(await userTables(kind, database.url)).not.toContain('Sneaky');
  });

  it('wraps a database it cannot reach in migration_failed', async () => {
    // SQLite: a path below a regular file cannot be created; PostgreSQL: no such database.
    const url = kind === 'sqlite' ? 'file:/dev/null/no-such-dir/x.db' : 'postgresql://root@127.0.0.1:5432/activity_no_such_database';
    const error = await migrate(kind, url).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('migration_failed');
  });

  it('lets two concurrent migrate() calls on one fresh database both succeed, applying the history once', async () => {
    const database = await freshDatabase();
    const results = await Promise.all([migrate(kind, database.url), migrate(kind, database.url)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual([...names].sort());
    expect(results.map((r) => r.applied.length + r.alreadyApplied)).toEqual([names.length, names.length]);
    const rows = await query<BookkeepingRow>(kind, database.url, 'SELECT migration_name FROM "_prisma_migrations"');
    expect(rows.map((r) => r.migration_name).sort()).toEqual(names);
  });

  it('lets three replica processes race on one fresh database: all succeed, history applied once', async () => {
    const database = await freshDatabase();
    const child = join(import.meta.dirname, 'migrate-child.ts');
    const outputs = await Promise.all(
      [1, 2, 3].map(() =>
        run(process.execPath, ['--import', 'tsx', child], { cwd: ROOT, env: { ...process.env, DATABASE_URL: database.url } }),
      ),
    );
    const results = outputs.map((o) => JSON.parse(o.stdout) as { ok: boolean; applied: string[]; alreadyApplied: number });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.flatMap((r) => r.applied).sort()).toEqual([...names].sort());
    const rows = await query<BookkeepingRow>(kind, database.url, 'SELECT migration_name FROM "_prisma_migrations"');
    expect(rows.map((r) => r.migration_name).sort()).toEqual(names);
  });
});
