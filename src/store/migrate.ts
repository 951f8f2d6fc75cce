// Applies the committed migration history of the selected provider. It keeps Prisma's own
// `_prisma_migrations` bookkeeping (same table, same sha256 checksums), so `prisma migrate
// status` agrees with it, but needs no schema-engine binary and runs in-process at start.
// Several replicas may start at once: PostgreSQL serialises them with an advisory lock,
// SQLite with BEGIN IMMEDIATE.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { AppError, ErrorCode } from '../errors';
import { packageRoot } from '../package-root';
import { sqliteFilePath, type StoreKind } from './database-url';

const PRISMA_DIR = join(packageRoot(), 'prisma');
/** Arbitrary but fixed: every replica takes the same PostgreSQL advisory lock. */
const PG_MIGRATION_LOCK = 7_302_118_734;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/** The committed migrations of a provider, oldest first. */
export function loadMigrations(kind: StoreKind, prismaDir = PRISMA_DIR): Migration[] {
  const dir = join(prismaDir, kind, 'migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

function checkHistory(applied: Map<string, string>, migrations: Migration[]): void {
  for (const m of migrations) {
    const checksum = applied.get(m.name);
    if (checksum !== undefined && checksum !== m.checksum) {
      throw new AppError(
        ErrorCode.MigrationFailed,
        `migration ${m.name} was changed after it was applied (checksum differs); add a new migration instead`,
      );
    }
  }
}

const SQLITE_BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

const PG_BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

function migrateSqlite(url: string | undefined, migrations: Migration[]): MigrationResult {
  const path = sqliteFilePath(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 10000');
    db.exec(SQLITE_BOOKKEEPING);
    const applied: string[] = [];
    let alreadyApplied = 0;
    for (const m of migrations) {
      // One transaction per migration, taken before reading the history so two processes
      // cannot both decide to apply the same migration.
      db.exec('BEGIN IMMEDIATE');
      try {
        const rows = db
          .prepare('SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
          .all() as { migration_name: string; checksum: string }[];
        const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
        checkHistory(done, migrations);
        if (done.has(m.name)) {
          alreadyApplied++;
          db.exec('COMMIT');
          continue;
        }
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
        ).run(randomUUID(), m.checksum, m.name);
        db.exec('COMMIT');
        applied.push(m.name);
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    }
    return { applied, alreadyApplied };
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PG_MIGRATION_LOCK]);
    try {
      await client.query(PG_BOOKKEEPING);
      const { rows } = await client.query<{ migration_name: string; checksum: string }>(
        'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      );
      const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
      checkHistory(done, migrations);
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.name)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, now(), $3, now(), 1)`,
            [randomUUID(), m.checksum, m.name],
          );
          await client.query('COMMIT');
          applied.push(m.name);
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return { applied, alreadyApplied: migrations.length - applied.length };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PG_MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}

/** Applies every pending migration of the store that DATABASE_URL names. */
export async function migrate(kind: StoreKind, url: string | undefined): Promise<MigrationResult> {
  const migrations = loadMigrations(kind);
  try {
    return kind === 'sqlite' ? migrateSqlite(url, migrations) : await migratePostgres(url ?? '', migrations);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(ErrorCode.MigrationFailed, `applying migrations failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
